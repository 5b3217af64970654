using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AF_UNSPEC = 0;
        internal const int AF_INET = 2;
        internal const int AF_INET6 = 10;
        internal const int AF_NETLINK = 16;

        internal const int SOCK_DGRAM = 2;
        internal const int SOCK_RAW = 3;
        internal const int SOCK_NONBLOCK = 0x800;
        internal const int SOCK_CLOEXEC = 0x80000;

        [LibraryImport(Libraries.Libc, EntryPoint = "socket", SetLastError = true)]
        private static partial int socket(int domain, int type, int protocol);

        /// <summary>socket(2), always non-blocking and close-on-exec (the daemon is one poll() loop).</summary>
        internal static Errno Socket(int domain, int type, int protocol, out SafeFd fd)
        {
            int rc = socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
            if (rc < 0)
            {
                fd = new SafeFd();
                return LastErrno;
            }

            fd = new SafeFd(rc);
            return Errno.OK;
        }
    }
}
