using System;
using McProxy.Protocol;

namespace McProxy.Bench;

/// <summary>Upstream, route and query ports that only count calls: the pipeline bench measures
/// the pure core, not the kernel.</summary>
internal sealed class NoopPorts : IUpstreamPort, IRoutePort, IQueryPort
{
    public long Subscriptions { get; private set; }

    public long RouteChanges { get; private set; }

    public long Queries { get; private set; }

    public void SetMembership(int interfaceId, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources) => Subscriptions++;

    public void SetRoute(Addr source, Addr group, int inputId, uint outputMask) => RouteChanges++;

    public void RemoveRoute(Addr source, Addr group, int inputId) => RouteChanges++;

    public bool TryGetPacketCount(Addr source, Addr group, int inputId, out ulong packets)
    {
        packets = 0;
        return true;
    }

    public void SendQuery(in QueryMessage query, ReadOnlySpan<Addr> sources) => Queries++;
}
