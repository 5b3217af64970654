using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// struct sockaddr_storage (sys/socket.h): 128 bytes, aligned like unsigned long (the
        /// CULong field gives 8-byte alignment on 64-bit and 4 on 32-bit targets, as in C).
        /// </summary>
        [StructLayout(LayoutKind.Sequential, Size = 128)]
        internal struct sockaddr_storage
        {
            public ushort ss_family;
            private ushort _pad1;
            private uint _pad2;
            private CULong __ss_align;

            public static sockaddr_storage From(in sockaddr_in address)
            {
                sockaddr_storage s = default;
                Unsafe.As<sockaddr_storage, sockaddr_in>(ref s) = address;
                return s;
            }

            public static sockaddr_storage From(in sockaddr_in6 address)
            {
                sockaddr_storage s = default;
                Unsafe.As<sockaddr_storage, sockaddr_in6>(ref s) = address;
                return s;
            }
        }
    }
}
