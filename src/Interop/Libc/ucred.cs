using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SO_PEERCRED = 17;

        /// <summary>struct ucred (sys/socket.h): the peer of a Unix socket, for getsockopt(SO_PEERCRED).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ucred
        {
            public int pid;
            public uint uid;
            public uint gid;
        }
    }
}
