using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct in6_addr (netinet/in.h): 16 bytes in network order.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct in6_addr
        {
            public fixed byte s6_addr[16];

            public static in6_addr FromBytes(ReadOnlySpan<byte> bytes)
            {
                in6_addr a = default;
                bytes[..16].CopyTo(new Span<byte>(a.s6_addr, 16));
                return a;
            }

            public readonly void CopyTo(Span<byte> destination)
            {
                fixed (byte* p = s6_addr)
                {
                    new ReadOnlySpan<byte>(p, 16).CopyTo(destination);
                }
            }
        }
    }
}
