using System;
using McProxy.Interop;
using McProxy.Protocol;
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

/// <summary>One decoded receive. Valid until the next receive on the same kernel object.</summary>
internal ref struct KernelEvent
{
    public KernelEventKind Kind;
    public MrouteUpcall Upcall;
    public int IfIndex;
    public Addr Source;
    public MembershipMessage Message;
    public DropReason Drop;
}

/// <summary>
/// One instance's kernel multicast routing for one family: the table with its vifs/mifs and
/// forwarding entries, receiving and sending membership messages, and the host-side
/// subscriptions on upstreams. Vif numbers are the instance's interface ids.
/// </summary>
internal interface IFamilyKernel : IDisposable
{
    IpFamily Family { get; }

    SafeFd Fd { get; }

    Errno AddVif(int vifi, int ifindex);

    Errno DelVif(int vifi);

    Errno AddMfc(Addr source, Addr group, int parentVif, uint outputVifs);

    Errno DelMfc(Addr source, Addr group, int parentVif);

    Errno GetPacketCount(Addr source, Addr group, out ulong packets);

    /// <summary>Joins the groups reports are sent to (224.0.0.22/224.0.0.2, ff02::16) on a downstream.</summary>
    Errno JoinRouterGroups(int ifindex);

    Errno LeaveRouterGroups(int ifindex);

    /// <summary>Encodes and sends a query out of <paramref name="ifindex"/> (IPv6: from <paramref name="linkLocal"/>).</summary>
    Errno SendQuery(int ifindex, Addr linkLocal, in QueryMessage query, ReadOnlySpan<Addr> sources);

    /// <summary>Reads and decodes one datagram; false when nothing is queued (or on a receive error, in <paramref name="errno"/>).</summary>
    bool TryReceive(ref KernelEvent ev, out Errno errno);

    /// <summary>Host-side subscription on an upstream; (INCLUDE, {}) = not subscribed.</summary>
    Errno SetMembership(int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources);
}
