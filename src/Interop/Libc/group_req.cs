using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct group_req (netinet/in.h), for MCAST_JOIN_GROUP / MCAST_LEAVE_GROUP (RFC 3678 §5.1).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct group_req
        {
            public uint gr_interface;
            public sockaddr_storage gr_group;
        }
    }
}
