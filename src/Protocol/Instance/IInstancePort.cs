using System;
using McProxy.Protocol.Membership;

namespace McProxy.Protocol.Instance;

/// <summary>
/// What an <see cref="InstanceCore"/> asks of the world: its kernel routing table (routes by
/// interface id = vif number), host-side subscriptions on upstreams and queries on downstreams,
/// and where its refusals are told. Interfaces are named by id everywhere; the ifindex an id is
/// attached as is the core's (<see cref="InstanceCore.IfIndexOf"/>), and the core calls only
/// about attached interfaces. The daemon implements it on the kernel (Runtime/InstanceRuntime,
/// with the log lines), the pipeline fuzz rig with checking fakes, the bench with counters.
/// </summary>
internal interface IInstancePort : IUpstreamPort, IRoutePort, IMembershipDiagnostics
{
    /// <summary>Sends <paramref name="query"/> out of downstream <paramref name="id"/> from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    void SendQuery(int id, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources);

    /// <summary>A query was due on downstream <paramref name="id"/> but the link has no address to send it from.</summary>
    void QueryNotSent(int id, in QueryMessage query);
}
