using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute6
    {
        /// <summary>struct sioc_sg_req6 (linux/mroute6.h) for ioctl(SIOCGETSGCNT_IN6); the counters are C long.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sioc_sg_req6
        {
            public Libc.sockaddr_in6 src;
            public Libc.sockaddr_in6 grp;
            public CULong pktcnt;
            public CULong bytecnt;
            public CULong wrong_if;
        }

        internal static Errno GetSgCount(SafeFd fd, ref sioc_sg_req6 req) => Libc.Ioctl(fd, SIOCGETSGCNT_IN6, ref req);
    }
}
