using System;

namespace McProxy.Protocol;

// The pure core's ports: the core calls these to act on the world; the daemon implements them on
// the kernel (Instance/IInstancePort, Runtime/InstanceRuntime) and tests implement them with
// recording fakes. Interfaces are named in
// the core by an instance-local interface id: downstreams in configuration order, then
// upstreams not already listed (a peering interface has one id) - the same order mcproxy gives
// vifs. An instance has at most 32 interfaces (the kernel's MAXVIFS), so output interface sets
// are bit masks (bit i = interface id i) and never allocate.

/// <summary>Sends queries on one downstream interface (one adapter object per interface).</summary>
internal interface IQueryPort
{
    /// <summary>Sends <paramref name="query"/>; <paramref name="sources"/> has query.SourceCount entries.</summary>
    void SendQuery(in QueryMessage query, ReadOnlySpan<Addr> sources);
}

/// <summary>Told by a downstream membership table when a group's state changed.</summary>
internal interface IMembershipListener
{
    void OnMembershipChanged(int interfaceId, Addr group);
}

/// <summary>Read access to one downstream's membership database, for the RFC 4605 merge and forwarding.</summary>
internal interface IMembershipView
{
    /// <summary>
    /// The group's state as it counts for the proxy: (INCLUDE, requested sources) or
    /// (EXCLUDE, excluded sources), the router state itself also while older-version hosts
    /// are present (their reports already made it EXCLUDE, RFC 3376 §7.3.2). False when the
    /// group has no state here.
    /// </summary>
    bool TryGetGroup(Addr group, out FilterMode mode, out ReadOnlySpan<Addr> sources);

    /// <summary>Whether data from <paramref name="source"/> to <paramref name="group"/> is wanted here (RFC 3376 §6.3).</summary>
    bool WantsSource(Addr group, Addr source);
}

/// <summary>Upstream subscriptions through the kernel's host stack.</summary>
internal interface IUpstreamPort
{
    /// <summary>
    /// Makes the subscription of <paramref name="group"/> on upstream <paramref name="interfaceId"/>
    /// equal (mode, sources). (INCLUDE, {}) means not subscribed. False when the kernel refused
    /// it: the proxy then does not count it as done and tries again later.
    /// </summary>
    bool SetMembership(int interfaceId, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources);
}

/// <summary>
/// The kernel multicast forwarding cache of one instance: one entry per (S,G), whose input is
/// replaced when it is set again (as Linux does).
/// </summary>
internal interface IRoutePort
{
    /// <summary>Installs (S,G), or re-parents it, arriving on <paramref name="inputId"/> forwarded to the ids in <paramref name="outputMask"/> (0 = drop quietly).</summary>
    void SetRoute(Addr source, Addr group, int inputId, uint outputMask);

    /// <summary>Deletes the (S,G) entry (whatever its input; <paramref name="inputId"/> is the one we installed).</summary>
    void RemoveRoute(Addr source, Addr group, int inputId);

    /// <summary>
    /// The kernel's counters of the (S,G) entry: every packet that matched it, and those of
    /// them that arrived on another interface than its input (counted, then dropped); false if
    /// the kernel has no such entry.
    /// </summary>
    bool TryGetCounters(Addr source, Addr group, out ulong packets, out ulong wrongInterface);
}
