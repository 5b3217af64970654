using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute
    {
        /// <summary>struct sioc_sg_req (linux/mroute.h) for ioctl(SIOCGETSGCNT); the counters are C long.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sioc_sg_req
        {
            public Libc.in_addr src;
            public Libc.in_addr grp;
            public CULong pktcnt;
            public CULong bytecnt;
            public CULong wrong_if;
        }

        internal static Errno GetSgCount(SafeFd fd, ref sioc_sg_req req) => Libc.Ioctl(fd, SIOCGETSGCNT, ref req);
    }
}
