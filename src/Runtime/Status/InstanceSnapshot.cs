using System.Collections.Generic;
using McProxy.Protocol.Proxying;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>
/// One instance: its kernel table, interfaces (index = vif number), the subscriptions applied on
/// its upstreams, its forwarding entries with the kernel's counters, and packets dropped by
/// reason (index = <see cref="McProxy.Protocol.Wire.DropReason"/>; counted per instance because
/// the instance's one routing socket receives for all its interfaces). <see cref="RoutesEvicted"/>:
/// routes replaced because <c>max_routes</c> was reached, since start.
/// </summary>
internal sealed record InstanceSnapshot(
    string Name,
    int Table,
    IpFamily Family,
    IReadOnlyList<InterfaceSnapshot> Interfaces,
    IReadOnlyList<int> UpstreamsByPriority,
    IReadOnlyList<SubscriptionStatus> Subscriptions,
    IReadOnlyList<RouteSnapshot> Routes,
    long[] Drops,
    long RoutesEvicted = 0)
{
    public string NameOf(int vif) => vif >= 0 && vif < Interfaces.Count ? Interfaces[vif].Name : $"vif{vif}";
}
