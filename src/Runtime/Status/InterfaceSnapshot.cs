using System.Collections.Generic;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Membership;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>
/// One configured interface. <see cref="IfIndex"/> is 0 while the interface is missing or down
/// (it has no vif in the kernel then). Downstreams that run carry their querier state, groups
/// and counters; the rest have null/empty there.
/// </summary>
internal sealed record InterfaceSnapshot(
    int Vif,
    string Name,
    int IfIndex,
    bool IsUpstream,
    bool IsDownstream,
    int UpstreamPriority,
    QuerierStatus? Querier,
    IReadOnlyList<GroupStatus> Groups,
    InterfaceCounters? Counters)
{
    public bool IsAttached => IfIndex > 0;

    /// <summary>Membership packets that arrived here and were dropped, by reason (index = DropReason).</summary>
    public long[] Drops { get; init; } = System.Array.Empty<long>();

    /// <summary>Upstreams (IPv4): the IGMP version the kernel's host side speaks there (follows the
    /// provider's querier); null when unknown.</summary>
    public string? HostVersion { get; init; }

    /// <summary>"upstream", "downstream" or "peering" (both, see mcproxy's peering setups).</summary>
    public string Role => IsUpstream ? (IsDownstream ? "peering" : "upstream") : "downstream";
}
