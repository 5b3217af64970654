using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// struct msghdr (sys/socket.h), glibc shape: size_t msg_iovlen and msg_controllen. musl on
        /// 64-bit little-endian declares int + padding there, which has the same bytes for the
        /// small values we store (the padding stays zero).
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct msghdr
        {
            public void* msg_name;
            public uint msg_namelen;
            public iovec* msg_iov;
            public nuint msg_iovlen;
            public void* msg_control;
            public nuint msg_controllen;
            public int msg_flags;
        }

        internal const int MSG_CTRUNC = 0x8;
        internal const int MSG_TRUNC = 0x20;
        internal const int MSG_DONTWAIT = 0x40;
    }
}
