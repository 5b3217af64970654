using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct in_addr (netinet/in.h): s_addr holds the address in network byte order.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct in_addr
        {
            public uint s_addr;

            /// <summary>From a host-order number (a.b.c.d = a &lt;&lt; 24 | ...).</summary>
            public static in_addr FromHostOrder(uint address) => new()
            {
                s_addr = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(address) : address,
            };

            /// <summary>The address as a host-order number.</summary>
            public readonly uint ToHostOrder() =>
                BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(s_addr) : s_addr;
        }
    }
}
