using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct in_pktinfo (netinet/in.h), the IP_PKTINFO control message.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct in_pktinfo
        {
            public int ipi_ifindex;
            public in_addr ipi_spec_dst;
            public in_addr ipi_addr;
        }
    }
}
