using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int unlink(string path);

        /// <summary>unlink(2).</summary>
        internal static Errno Unlink(string path) => unlink(path) == 0 ? Errno.OK : LastErrno;
    }
}
