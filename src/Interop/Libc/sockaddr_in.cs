using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct sockaddr_in (netinet/in.h); sin_port in network order.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr_in
        {
            public ushort sin_family;
            public ushort sin_port;
            public in_addr sin_addr;
            public ulong sin_zero;

            public static sockaddr_in FromHostOrder(uint address) => new()
            {
                sin_family = AF_INET,
                sin_addr = in_addr.FromHostOrder(address),
            };
        }
    }
}
