namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // Protocol numbers and socket levels (netinet/in.h).
        internal const int IPPROTO_IP = 0;
        internal const int IPPROTO_IGMP = 2;
        internal const int IPPROTO_UDP = 17;
        internal const int IPPROTO_IPV6 = 41;
        internal const int IPPROTO_ICMPV6 = 58;

        // IPv4 socket options (bits/in.h, linux/in.h).
        internal const int IP_TTL = 2;
        internal const int IP_HDRINCL = 3;
        internal const int IP_OPTIONS = 4;
        internal const int IP_ROUTER_ALERT = 5;
        internal const int IP_PKTINFO = 8;
        internal const int IP_MULTICAST_IF = 32;
        internal const int IP_MULTICAST_TTL = 33;
        internal const int IP_MULTICAST_LOOP = 34;
        internal const int IP_ADD_MEMBERSHIP = 35;
        internal const int IP_DROP_MEMBERSHIP = 36;
        internal const int IP_MULTICAST_ALL = 49;

        // IPv6 socket options (bits/in.h, linux/in6.h).
        internal const int IPV6_CHECKSUM = 7;
        internal const int IPV6_MULTICAST_IF = 17;
        internal const int IPV6_MULTICAST_HOPS = 18;
        internal const int IPV6_MULTICAST_LOOP = 19;
        internal const int IPV6_ROUTER_ALERT = 22;
        internal const int IPV6_MULTICAST_ALL = 29;
        internal const int IPV6_RECVPKTINFO = 49;
        internal const int IPV6_PKTINFO = 50;
        internal const int IPV6_RECVHOPLIMIT = 51;
        internal const int IPV6_HOPLIMIT = 52;
        internal const int IPV6_RECVHOPOPTS = 53;
        internal const int IPV6_HOPOPTS = 54;

        // Protocol-independent multicast API (RFC 3678).
        internal const int MCAST_JOIN_GROUP = 42;
        internal const int MCAST_BLOCK_SOURCE = 43;
        internal const int MCAST_UNBLOCK_SOURCE = 44;
        internal const int MCAST_LEAVE_GROUP = 45;
        internal const int MCAST_JOIN_SOURCE_GROUP = 46;
        internal const int MCAST_LEAVE_SOURCE_GROUP = 47;
        internal const int MCAST_MSFILTER = 48;
        internal const int MCAST_EXCLUDE = 0;
        internal const int MCAST_INCLUDE = 1;
    }
}
