using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_RDONLY = 0;

        [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int open(string path, int flags);

        /// <summary>open(2) read-only and close-on-exec (namespace files).</summary>
        internal static Errno Open(string path, out SafeFd fd) => Open(path, O_RDONLY | O_CLOEXEC, out fd);

        /// <summary>open(2) with <paramref name="flags"/> (O_RDONLY, O_NONBLOCK, O_CLOEXEC: the same on every architecture).</summary>
        internal static Errno Open(string path, int flags, out SafeFd fd)
        {
            int rc = open(path, flags);
            fd = rc < 0 ? new SafeFd() : new SafeFd(rc);
            return rc < 0 ? LastErrno : Errno.OK;
        }
    }
}
