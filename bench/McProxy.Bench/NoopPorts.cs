using System;
using McProxy.Platform.Multicast;
using McProxy.Protocol;
using McProxy.Protocol.Instance;
using McProxy.Protocol.Membership;

namespace McProxy.Bench;

/// <summary>
/// An instance port that only counts calls: the pipeline bench measures the pure core, not the
/// kernel. Every route's packet counter moves at each check, as with a steady stream, so routes
/// live for the whole run.
/// </summary>
internal sealed class NoopPorts : IInstancePort
{
    private ulong _packets;

    public long Subscriptions { get; private set; }

    public long RouteChanges { get; private set; }

    public long Queries { get; private set; }

    /// <summary>When set, upstream subscriptions also go through it (the memory bench counts its state).</summary>
    public HostMembership? Upstream { get; set; }

    public bool SetMembership(int interfaceId, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        Subscriptions++;
        Upstream?.SetMembership(interfaceId + 1, group, mode, sources);
        return true;
    }

    public void SetRoute(Addr source, Addr group, int inputId, uint outputMask) => RouteChanges++;

    public void RemoveRoute(Addr source, Addr group, int inputId) => RouteChanges++;

    public bool TryGetCounters(Addr source, Addr group, out ulong packets, out ulong wrongInterface)
    {
        packets = ++_packets;
        wrongInterface = 0;
        return true;
    }

    public void SendQuery(int id, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources) => Queries++;

    public void QueryNotSent(int id, in QueryMessage query)
    {
    }

    public void OnLimitRefused(int interfaceId, MembershipLimit limit, Addr group, Addr reporter)
    {
    }

    public void OnOlderQuerier(int interfaceId, Addr querier, ProtocolVersion heard, ProtocolVersion ours, long suppressed)
    {
    }

    public void OnSsmIgnored(int interfaceId, Addr group, Addr reporter)
    {
    }

    public void OnForgedLeave(int interfaceId, Addr group, Addr host, long suspendedMs)
    {
    }

    public void OnForeignQuerier(int interfaceId, Addr querier)
    {
    }
}
