using McProxy.Config.Model;
using McProxy.Protocol;
using Xunit;

namespace McProxy.Tests.Pipeline;

/// <summary>
/// Issue 14 item 8, RFC 4605 §4.2: forwarding and the querier role. By default the proxy
/// forwards to a downstream whatever router is the querier there (IPTV behind a snooping
/// switch that wins the election); forward_only_as_querier = true gives the RFC behaviour.
/// </summary>
public class QuerierRoleForwardingTests
{
    private static readonly Addr G = Addr.Parse("239.1.1.1");
    private static readonly Addr S = Addr.Parse("10.1.0.2");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Forwarding_follows_the_querier_role_only_when_asked(bool querierOnly)
    {
        var rig = new PipelineRig($"""
            protocol = "IGMPv3"
            [[instance]]
            name = "p"
            upstreams = ["up0"]
            downstreams = ["dn0", "dn1"]
            [interface.dn0]
            forward_only_as_querier = {(querierOnly ? "true" : "false")}
            """, "p.toml");
        int up0 = rig.Proxy.IdOf("up0");
        int dn0 = rig.Proxy.IdOf("dn0");
        int dn1 = rig.Proxy.IdOf("dn1");
        rig.Downstreams[dn0]!.OnRecord(1_000, Addr.Parse("10.2.0.2"), RecordType.ChangeToExclude, G, default);
        rig.Downstreams[dn1]!.OnRecord(1_000, Addr.Parse("10.3.0.2"), RecordType.ChangeToExclude, G, default);
        rig.DataArrives(1_000, S, G, up0);
        uint both = (1u << dn0) | (1u << dn1);
        Assert.Equal(both, rig.RouteMask(S, G, up0));

        // A router with a lower address becomes the querier on dn0.
        var query = new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 2, 125, 0);
        rig.Downstreams[dn0]!.OnQuery(2_000, Addr.Parse("10.2.0.0"), query, default);
        Assert.False(rig.Downstreams[dn0]!.IsQuerier);
        Assert.Equal(querierOnly ? 1u << dn1 : both, rig.RouteMask(S, G, up0));
        Assert.Equal("EX{}", rig.Subscription(up0, G)); // the membership still counts upstream

        // Its queries keep coming, and the hosts keep reporting.
        rig.Downstreams[dn0]!.OnRecord(100_000, Addr.Parse("10.2.0.2"), RecordType.ModeIsExclude, G, default);
        rig.Downstreams[dn0]!.OnQuery(127_000, Addr.Parse("10.2.0.0"), query, default);
        Assert.Equal(querierOnly ? 1u << dn1 : both, rig.RouteMask(S, G, up0));

        // It goes silent: after the other querier present interval we query, and forward, again.
        rig.Downstreams[dn0]!.OnRecord(200_000, Addr.Parse("10.2.0.2"), RecordType.ModeIsExclude, G, default);
        rig.Downstreams[dn1]!.OnRecord(200_000, Addr.Parse("10.3.0.2"), RecordType.ModeIsExclude, G, default);
        rig.Tick(127_000 + 255_000);
        Assert.True(rig.Downstreams[dn0]!.IsQuerier);
        Assert.Equal(both, rig.RouteMask(S, G, up0));
    }
}
