using System;
using McProxy.Protocol;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Membership;
using McProxy.Protocol.Proxying;
using McProxy.Runtime.Status;

namespace McProxy.Tests.Status;

/// <summary>A hand-built snapshot: one IPv4 instance, up0 (vif 2) upstream, dn0 (vif 0) with one
/// EXCLUDE group, dn1 (vif 1) missing; one route with counters, one drop; routes evicted as given.</summary>
internal static class SampleStatus
{
    public static readonly Addr Group = Addr.Parse("239.1.2.3");
    public static readonly Addr Source = Addr.Parse("10.1.0.2");

    public static StatusSnapshot Build(bool routeCounters = true, long[]? drops = null, long routesEvicted = 0)
    {
        var querier = new QuerierStatus(true, Addr.Parse("10.2.0.1"), Addr.None, 0, ProtocolVersion.IGMPv3, 1, 29_500, 2, 125_000);
        var group = new GroupStatus(Group, FilterMode.Exclude, 255_000,
            new[] { new SourceStatus(Addr.Parse("10.9.9.9"), 0, 0), new SourceStatus(Addr.Parse("10.9.9.8"), 4_001, 0) },
            ProtocolVersion.IGMPv3, 0, FilterMode.Exclude, new[] { Addr.Parse("10.9.9.9") },
            new[] { Addr.Parse("10.2.0.2") }, false, 0);
        var counters = new InterfaceCounters(3, 1, 2, 4, 5, 6, 7, 8, 9, 10)
        {
            HostShareHits = 11,
            ForgedLeaves = 12,
            OlderQueries = 13,
            ForeignQueries = 14,
            OwnReports = 15,
        };
        var dn0 = new InterfaceSnapshot(0, "dn0", 42, false, true, 0, querier, new[] { group }, counters);
        var dn1 = new InterfaceSnapshot(1, "dn1", 0, false, true, 0, null, Array.Empty<GroupStatus>(), null);
        var up0 = new InterfaceSnapshot(2, "up0", 40, true, false, 1, null, Array.Empty<GroupStatus>(), null);
        var sub = new SubscriptionStatus(2, Group, FilterMode.Exclude, Array.Empty<Addr>());
        var route = new RouteSnapshot(Source, Group, 2, 1u, routeCounters, 40, 1510, 1, 17_100);
        long[] d = drops ?? new long[McProxy.Protocol.Wire.DropReasonExtensions.Count];
        var instance = new InstanceSnapshot("myProxy", 0, IpFamily.V4, new[] { dn0, dn1, up0 }, new[] { 2 }, new[] { sub }, new[] { route }, d, routesEvicted);
        return new StatusSnapshot("9.9.9", "IGMPv3", "/etc/mcproxy.conf", 1234, 7_000, new[] { instance });
    }
}
