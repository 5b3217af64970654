namespace McProxy.Platform.Multicast;

/// <summary>What one non-blocking receive on an mroute socket produced.</summary>
internal enum ReceiveResult : byte
{
    /// <summary>Nothing queued (EAGAIN): the drain is done.</summary>
    WouldBlock,

    /// <summary>A kernel upcall (IGMPMSG_* / MRT6MSG_*).</summary>
    Upcall,

    /// <summary>An IGMP/MLD packet with the interface it arrived on.</summary>
    Packet,

    /// <summary>A datagram that was dropped: truncated, too short, or without an arrival interface.</summary>
    Dropped,

    /// <summary>recvmsg failed with an errno other than EAGAIN.</summary>
    Error,
}
