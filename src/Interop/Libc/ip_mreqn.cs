using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct ip_mreqn (netinet/in.h), for IP_MULTICAST_IF by interface index.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ip_mreqn
        {
            public in_addr imr_multiaddr;
            public in_addr imr_address;
            public int imr_ifindex;
        }
    }
}
