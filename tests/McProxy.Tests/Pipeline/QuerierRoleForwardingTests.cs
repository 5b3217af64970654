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
        rig.Streaming = true;
        int up0 = rig.Proxy.IdOf("up0");
        int dn0 = rig.Proxy.IdOf("dn0");
        int dn1 = rig.Proxy.IdOf("dn1");
        rig.Record(1_000, dn0, Addr.Parse("10.2.0.2"), RecordType.ChangeToExclude, G);
        rig.Record(1_000, dn1, Addr.Parse("10.3.0.2"), RecordType.ChangeToExclude, G);
        rig.DataArrives(1_000, S, G, up0);
        uint both = (1u << dn0) | (1u << dn1);
        Assert.Equal(both, rig.RouteMask(S, G, up0));

        // A router with a lower address becomes the querier on dn0.
        var query = new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 2, 125, 0);
        rig.Query(2_000, dn0, Addr.Parse("10.2.0.0"), query);
        Assert.False(rig.Core.DownstreamOf(dn0)!.IsQuerier);
        Assert.Equal(querierOnly ? 1u << dn1 : both, rig.RouteMask(S, G, up0));
        Assert.Equal("EX{}", rig.Subscription(up0, G)); // the membership still counts upstream

        // Its queries keep coming, and the hosts keep reporting.
        rig.Record(100_000, dn0, Addr.Parse("10.2.0.2"), RecordType.ModeIsExclude, G);
        rig.Query(127_000, dn0, Addr.Parse("10.2.0.0"), query);
        Assert.Equal(querierOnly ? 1u << dn1 : both, rig.RouteMask(S, G, up0));

        // It goes silent: after the other querier present interval we query, and forward, again.
        rig.Record(200_000, dn0, Addr.Parse("10.2.0.2"), RecordType.ModeIsExclude, G);
        rig.Record(200_000, dn1, Addr.Parse("10.3.0.2"), RecordType.ModeIsExclude, G);
        rig.Tick(127_000 + 255_000);
        Assert.True(rig.Core.DownstreamOf(dn0)!.IsQuerier);
        Assert.Equal(both, rig.RouteMask(S, G, up0));
    }
}
