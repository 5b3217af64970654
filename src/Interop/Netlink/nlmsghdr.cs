using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Netlink
    {
        /// <summary>struct nlmsghdr (linux/netlink.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct nlmsghdr
        {
            public uint nlmsg_len;
            public ushort nlmsg_type;
            public ushort nlmsg_flags;
            public uint nlmsg_seq;
            public uint nlmsg_pid;
        }
    }
}
