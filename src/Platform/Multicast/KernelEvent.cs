using McProxy.Protocol.Wire;

namespace McProxy.Platform.Multicast;

/// <summary>What one receive on an instance's routing socket produced, decoded.</summary>
internal enum KernelEventKind : byte
{
    None,

    /// <summary>Data without a forwarding entry (NOCACHE) or on the wrong interface (WRONGVIF).</summary>
    Upcall,

    /// <summary>A valid membership message (<see cref="KernelEvent.Message"/>).</summary>
    Message,

    /// <summary>A membership packet the codec rejected (<see cref="KernelEvent.Drop"/>).</summary>
    Dropped,
}

/// <summary>One decoded receive. Valid until the next receive on the same socket.</summary>
internal ref struct KernelEvent
{
    public KernelEventKind Kind;
    public MrouteUpcall Upcall;
    public int IfIndex;
    public Addr Source;
    public MembershipMessage Message;
    public DropReason Drop;
}
