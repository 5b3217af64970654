namespace McProxy.Interop;

internal static partial class Interop
{
    /// <summary>IPv4 multicast routing API (linux/mroute.h); options at level IPPROTO_IP on a raw IGMP socket.</summary>
    internal static partial class Mroute
    {
        internal const int MRT_BASE = 200;
        internal const int MRT_INIT = MRT_BASE;
        internal const int MRT_DONE = MRT_BASE + 1;
        internal const int MRT_ADD_VIF = MRT_BASE + 2;
        internal const int MRT_DEL_VIF = MRT_BASE + 3;
        internal const int MRT_ADD_MFC = MRT_BASE + 4;
        internal const int MRT_DEL_MFC = MRT_BASE + 5;
        internal const int MRT_VERSION = MRT_BASE + 6;
        internal const int MRT_ASSERT = MRT_BASE + 7;
        internal const int MRT_PIM = MRT_BASE + 8;
        internal const int MRT_TABLE = MRT_BASE + 9;
        internal const int MRT_ADD_MFC_PROXY = MRT_BASE + 10;
        internal const int MRT_DEL_MFC_PROXY = MRT_BASE + 11;
        internal const int MRT_FLUSH = MRT_BASE + 12;

        internal const int MRT_FLUSH_MFC = 1;
        internal const int MRT_FLUSH_MFC_STATIC = 2;
        internal const int MRT_FLUSH_VIFS = 4;
        internal const int MRT_FLUSH_VIFS_STATIC = 8;

        internal const int MAXVIFS = 32;

        internal const byte VIFF_TUNNEL = 0x1;
        internal const byte VIFF_SRCRT = 0x2;
        internal const byte VIFF_REGISTER = 0x4;
        internal const byte VIFF_USE_IFINDEX = 0x8;

        internal const byte IGMPMSG_NOCACHE = 1;
        internal const byte IGMPMSG_WRONGVIF = 2;
        internal const byte IGMPMSG_WHOLEPKT = 3;
        internal const byte IGMPMSG_WRVIFWHOLE = 4;

        internal const uint SIOCGETVIFCNT = Libc.SIOCPROTOPRIVATE;
        internal const uint SIOCGETSGCNT = Libc.SIOCPROTOPRIVATE + 1;
        internal const uint SIOCGETRPF = Libc.SIOCPROTOPRIVATE + 2;
    }
}
