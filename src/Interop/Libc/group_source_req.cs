using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct group_source_req (netinet/in.h), for MCAST_{JOIN,LEAVE}_SOURCE_GROUP (RFC 3678 §5.1).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct group_source_req
        {
            public uint gsr_interface;
            public sockaddr_storage gsr_group;
            public sockaddr_storage gsr_source;
        }
    }
}
