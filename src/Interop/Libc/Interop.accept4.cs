using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "accept4", SetLastError = true)]
        private static unsafe partial int accept4(int fd, void* addr, uint* addrlen, int flags);

        /// <summary>accept4(2) without the peer address; the new descriptor is non-blocking and close-on-exec.</summary>
        internal static unsafe Errno Accept(SafeFd listener, out SafeFd connection)
        {
            int rc = accept4(listener.Fd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (rc < 0)
            {
                connection = new SafeFd();
                return LastErrno;
            }

            connection = new SafeFd(rc);
            return Errno.OK;
        }
    }
}
