using McProxy.Protocol.Routing;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>Interfaces going down and up, tables attached and detached, route expiry through the instance.</summary>
public class InterfaceLifecycleTests
{
    private const string G = "239.1.2.3";
    private const string S = "10.0.0.1";

    [Fact]
    public void Downstream_down_stops_counting_and_up_restores()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1", "d2" }));
        rig.Join("d1", G, "EX");
        rig.Join("d2", G, "IN", S);
        rig.Data(0, S, G, "wan");
        Assert.Equal(rig.Bit("d1") | rig.Bit("d2"), rig.Mask(S, G, "wan"));

        rig.Proxy.OnInterfaceDown(rig.Id("d1"));
        Assert.False(rig.Proxy.IsInterfaceUp(rig.Id("d1")));
        Assert.Equal("IN{10.0.0.1}", rig.Sub("wan", G));
        Assert.Equal(rig.Bit("d2"), rig.Mask(S, G, "wan"));

        rig.Proxy.OnInterfaceUp(rig.Id("d1"));
        Assert.Equal("EX{}", rig.Sub("wan", G));
        Assert.Equal(rig.Bit("d1") | rig.Bit("d2"), rig.Mask(S, G, "wan"));
    }

    [Fact]
    public void Upstream_down_drops_subscriptions_and_routes_then_reapplies()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1" }));
        rig.Join("d1", G, "EX");
        // the kernel keeps one entry per (S,G): a local source has its own S
        const string local = "10.9.9.9";
        rig.Data(0, S, G, "wan");
        rig.Data(0, local, G, "d1");
        Assert.Equal(rig.Bit("wan"), rig.Mask(local, G, "d1"));

        rig.Proxy.OnInterfaceDown(rig.Id("wan"));
        Assert.Equal("IN{}", rig.Sub("wan", G));
        Assert.Contains($"del {S} {G} {rig.Id("wan")}", rig.Routes.Calls);
        Assert.Equal(0u, rig.Mask(local, G, "d1"));
        Assert.Empty(rig.Proxy.GetSubscriptions());

        // a join while the upstream is down is remembered and applied when it is back
        rig.Join("d1", "239.5.5.5", "IN", S);
        Assert.Equal("IN{}", rig.Sub("wan", "239.5.5.5"));
        rig.Proxy.OnInterfaceUp(rig.Id("wan"));
        Assert.Equal("EX{}", rig.Sub("wan", G));
        Assert.Equal("IN{10.0.0.1}", rig.Sub("wan", "239.5.5.5"));
        Assert.Equal(rig.Bit("wan"), rig.Mask(local, G, "d1"));
    }

    [Fact]
    public void Repeated_down_or_up_does_nothing()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1" }));
        rig.Join("d1", G, "EX");
        rig.Proxy.OnInterfaceUp(rig.Id("wan"));
        rig.Proxy.OnInterfaceDown(rig.Id("wan"));
        rig.Proxy.OnInterfaceDown(rig.Id("wan"));
        Assert.Equal(2, rig.Up.Calls.Count);
    }

    [Fact]
    public void Detached_table_stops_counting()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1" }));
        rig.Join("d1", G, "EX");
        rig.Proxy.DetachDownstream(rig.Id("d1"));
        Assert.Equal("IN{}", rig.Sub("wan", G));
        rig.Proxy.AttachDownstream(rig.Id("d1"), rig.Views[rig.Id("d1")]);
        rig.Proxy.OnMembershipChanged(rig.Id("d1"), A(G));
        Assert.Equal("EX{}", rig.Sub("wan", G));
    }

    [Fact]
    public void Routes_expire_by_counter_through_the_instance()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1" }), options: new Protocol.Proxying.ProxyOptions(DataCheckIntervalMs: 20_000));
        rig.Join("d1", G, "EX");
        rig.Data(1000, S, G, "wan");
        rig.Data(2000, "10.0.0.2", G, "wan");
        Assert.Equal(21_000, rig.Proxy.NextDeadline);
        rig.Routes.AddPackets(A(S), A(G), rig.Id("wan"), 5);
        rig.Proxy.OnTimer(22_000);
        Assert.Equal(1, rig.Proxy.RouteCount);
        RouteStatus r = Assert.Single(rig.Proxy.GetRoutes());
        Assert.Equal(A(S), r.Source);
        Assert.Equal(5UL, r.LastPacketCount);
        Assert.Equal(42_000, r.NextCheck);
        Assert.Equal(rig.Bit("d1"), r.OutputMask);
        Assert.Equal(42_000, rig.Proxy.NextDeadline);
        rig.Proxy.OnTimer(42_000);
        Assert.Equal(0, rig.Proxy.RouteCount);
        Assert.Equal(long.MaxValue, rig.Proxy.NextDeadline);
    }
}
