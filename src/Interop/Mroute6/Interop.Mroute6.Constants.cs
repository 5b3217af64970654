namespace McProxy.Interop;

internal static partial class Interop
{
    /// <summary>IPv6 multicast routing API (linux/mroute6.h); options at level IPPROTO_IPV6 on a raw ICMPv6 socket.</summary>
    internal static partial class Mroute6
    {
        internal const int MRT6_BASE = 200;
        internal const int MRT6_INIT = MRT6_BASE;
        internal const int MRT6_DONE = MRT6_BASE + 1;
        internal const int MRT6_ADD_MIF = MRT6_BASE + 2;
        internal const int MRT6_DEL_MIF = MRT6_BASE + 3;
        internal const int MRT6_ADD_MFC = MRT6_BASE + 4;
        internal const int MRT6_DEL_MFC = MRT6_BASE + 5;
        internal const int MRT6_VERSION = MRT6_BASE + 6;
        internal const int MRT6_ASSERT = MRT6_BASE + 7;
        internal const int MRT6_PIM = MRT6_BASE + 8;
        internal const int MRT6_TABLE = MRT6_BASE + 9;
        internal const int MRT6_ADD_MFC_PROXY = MRT6_BASE + 10;
        internal const int MRT6_DEL_MFC_PROXY = MRT6_BASE + 11;
        internal const int MRT6_FLUSH = MRT6_BASE + 12;

        internal const int MRT6_FLUSH_MFC = 1;
        internal const int MRT6_FLUSH_MFC_STATIC = 2;
        internal const int MRT6_FLUSH_MIFS = 4;
        internal const int MRT6_FLUSH_MIFS_STATIC = 8;

        internal const int MAXMIFS = 32;
        internal const int IF_SETSIZE = 256;

        internal const byte MIFF_REGISTER = 0x1;

        internal const byte MRT6MSG_NOCACHE = 1;
        internal const byte MRT6MSG_WRONGMIF = 2;
        internal const byte MRT6MSG_WHOLEPKT = 3;
        internal const byte MRT6MSG_WRMIFWHOLE = 4;

        internal const uint SIOCGETMIFCNT_IN6 = Libc.SIOCPROTOPRIVATE;
        internal const uint SIOCGETSGCNT_IN6 = Libc.SIOCPROTOPRIVATE + 1;
        internal const uint SIOCGETRPF = Libc.SIOCPROTOPRIVATE + 2;
    }
}
