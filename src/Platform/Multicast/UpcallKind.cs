namespace McProxy.Platform.Multicast;

/// <summary>Kernel multicast-routing upcall types; values are IGMPMSG_* (linux/mroute.h) = MRT6MSG_* (linux/mroute6.h).</summary>
internal enum UpcallKind : byte
{
    /// <summary>Data for an (S,G) without a forwarding entry arrived (IGMPMSG_NOCACHE / MRT6MSG_NOCACHE).</summary>
    NoCache = 1,

    /// <summary>Data arrived on a vif other than the entry's parent (IGMPMSG_WRONGVIF / MRT6MSG_WRONGMIF).</summary>
    WrongVif = 2,

    /// <summary>A whole packet for the PIM register vif (IGMPMSG_WHOLEPKT / MRT6MSG_WHOLEPKT).</summary>
    WholePacket = 3,

    /// <summary>Wrong vif with the whole packet (IGMPMSG_WRVIFWHOLE / MRT6MSG_WRMIFWHOLE).</summary>
    WrongVifWholePacket = 4,
}
