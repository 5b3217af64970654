using System;
using McProxy.Protocol.Membership;

namespace McProxy.Protocol.Instance;

/// <summary>
/// What an <see cref="InstanceCore"/> asks of the world: its kernel routing table (routes by
/// interface id = vif number), host-side subscriptions on upstreams and queries on downstreams
/// (by id and ifindex, which the core keeps), and where its refusals are told. The daemon
/// implements it on the kernel (Runtime/InstanceRuntime, with the log lines), the pipeline fuzz
/// rig with checking fakes, the bench with counters.
/// </summary>
internal interface IInstancePort : IRoutePort, IMembershipDiagnostics
{
    /// <summary>Makes the host-side subscription of <paramref name="group"/> on upstream <paramref name="id"/> equal (mode, sources); (INCLUDE, {}) leaves.</summary>
    void SetMembership(int id, int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources);

    /// <summary>Sends <paramref name="query"/> out of downstream <paramref name="id"/> from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    void SendQuery(int id, int ifindex, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources);

    /// <summary>A query was due on downstream <paramref name="id"/> but the link has no address to send it from.</summary>
    void QueryNotSent(int id, in QueryMessage query);
}
