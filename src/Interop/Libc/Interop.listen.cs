using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SOCK_STREAM = 1;

        [LibraryImport(Libraries.Libc, EntryPoint = "listen", SetLastError = true)]
        private static partial int listen(int fd, int backlog);

        /// <summary>listen(2).</summary>
        internal static Errno Listen(SafeFd fd, int backlog) =>
            listen(fd.Fd, backlog) == 0 ? Errno.OK : LastErrno;
    }
}
