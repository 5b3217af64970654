using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute
    {
        /// <summary>
        /// struct igmpmsg (linux/mroute.h): a kernel upcall read from the mroute socket. It overlays
        /// an IPv4 header; im_mbz sits where ip_p is and is 0, which no IGMP packet has.
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct igmpmsg
        {
            public uint unused1;
            public uint unused2;
            public byte im_msgtype;
            public byte im_mbz;
            public byte im_vif;
            public byte im_vif_hi;
            public Libc.in_addr im_src;
            public Libc.in_addr im_dst;
        }
    }
}
