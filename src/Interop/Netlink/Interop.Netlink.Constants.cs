namespace McProxy.Interop;

internal static partial class Interop
{
    /// <summary>Netlink and rtnetlink (linux/netlink.h, linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h, linux/fib_rules.h).</summary>
    internal static partial class Netlink
    {
        internal const int NETLINK_ROUTE = 0;
        internal const int SOL_NETLINK = 270;
        internal const int NETLINK_EXT_ACK = 11;

        internal const ushort NLMSG_NOOP = 1;
        internal const ushort NLMSG_ERROR = 2;
        internal const ushort NLMSG_DONE = 3;
        internal const ushort NLMSG_OVERRUN = 4;

        internal const ushort NLM_F_REQUEST = 0x1;
        internal const ushort NLM_F_MULTI = 0x2;
        internal const ushort NLM_F_ACK = 0x4;
        internal const ushort NLM_F_ROOT = 0x100;
        internal const ushort NLM_F_MATCH = 0x200;
        internal const ushort NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
        internal const ushort NLM_F_REPLACE = 0x100;
        internal const ushort NLM_F_EXCL = 0x200;
        internal const ushort NLM_F_CREATE = 0x400;

        internal const ushort RTM_NEWLINK = 16;
        internal const ushort RTM_DELLINK = 17;
        internal const ushort RTM_GETLINK = 18;
        internal const ushort RTM_NEWADDR = 20;
        internal const ushort RTM_DELADDR = 21;
        internal const ushort RTM_GETADDR = 22;
        internal const ushort RTM_NEWRULE = 32;
        internal const ushort RTM_DELRULE = 33;
        internal const ushort RTM_GETRULE = 34;

        internal const uint RTMGRP_LINK = 0x1;
        internal const uint RTMGRP_IPV4_IFADDR = 0x10;
        internal const uint RTMGRP_IPV6_IFADDR = 0x100;

        internal const ushort IFLA_ADDRESS = 1;
        internal const ushort IFLA_IFNAME = 3;
        internal const ushort IFLA_MTU = 4;
        internal const ushort IFLA_OPERSTATE = 16;

        internal const ushort IFA_ADDRESS = 1;
        internal const ushort IFA_LOCAL = 2;
        internal const ushort IFA_LABEL = 3;
        internal const ushort IFA_FLAGS = 8;

        internal const uint IFA_F_DADFAILED = 0x08;
        internal const uint IFA_F_TENTATIVE = 0x40;

        internal const uint IFF_UP = 0x1;
        internal const uint IFF_LOOPBACK = 0x8;
        internal const uint IFF_POINTOPOINT = 0x10;
        internal const uint IFF_RUNNING = 0x40;
        internal const uint IFF_MULTICAST = 0x1000;

        internal const byte RT_SCOPE_UNIVERSE = 0;
        internal const byte RT_SCOPE_LINK = 253;
        internal const byte RT_SCOPE_HOST = 254;

        internal const ushort FRA_IIFNAME = 3;
        internal const ushort FRA_PRIORITY = 6;
        internal const ushort FRA_TABLE = 15;
        internal const ushort FRA_OIFNAME = 17;

        internal const byte FR_ACT_TO_TBL = 1;
        internal const byte RT_TABLE_UNSPEC = 0;

        internal const byte RTNL_FAMILY_IPMR = 128;
        internal const byte RTNL_FAMILY_IP6MR = 129;

        /// <summary>NLMSG_ALIGN / RTA_ALIGN: 4-byte alignment.</summary>
        internal static int Align(int length) => (length + 3) & ~3;
    }
}
