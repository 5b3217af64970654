using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct sockaddr_in6 (netinet/in.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr_in6
        {
            public ushort sin6_family;
            public ushort sin6_port;
            public uint sin6_flowinfo;
            public in6_addr sin6_addr;
            public uint sin6_scope_id;

            public static sockaddr_in6 FromBytes(ReadOnlySpan<byte> address, uint scopeId = 0) => new()
            {
                sin6_family = AF_INET6,
                sin6_addr = in6_addr.FromBytes(address),
                sin6_scope_id = scopeId,
            };
        }
    }
}
