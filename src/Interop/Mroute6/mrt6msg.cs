using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute6
    {
        /// <summary>
        /// struct mrt6msg (linux/mroute6.h): a kernel upcall on the raw ICMPv6 socket. It has no
        /// IPv6 header in front (raw ICMPv6 sockets deliver the payload), and im6_mbz is 0 where
        /// an ICMPv6 message has its (non-zero) type.
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct mrt6msg
        {
            public byte im6_mbz;
            public byte im6_msgtype;
            public ushort im6_mif;
            public uint im6_pad;
            public Libc.in6_addr im6_src;
            public Libc.in6_addr im6_dst;
        }
    }
}
