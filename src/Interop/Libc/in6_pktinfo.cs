using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct in6_pktinfo (netinet/in.h), the IPV6_PKTINFO control message.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct in6_pktinfo
        {
            public in6_addr ipi6_addr;
            public int ipi6_ifindex;
        }
    }
}
