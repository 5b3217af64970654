using System.Linq;
using McProxy.Protocol.Proxying;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>What goes upstream: RFC 4605 §4.1 merge through the instance, scope rules, diffs.</summary>
public class ProxyInstanceSubscriptionTests
{
    private const string G = "239.1.2.3";

    private static ProxyRig OneUpstream() => new(Instance(new[] { "wan" }, new[] { "lan1", "lan2" }));

    [Fact]
    public void Interface_ids_downstreams_first_then_new_upstreams_peering_once()
    {
        var p = new ProxyInstance(Instance(new[] { "ap", "up1" }, new[] { "d1", "ap", "d2" }), false, new RecordingUpstream(), new RecordingRoutes());
        Assert.Equal(4, p.InterfaceCount);
        Assert.Equal(new[] { "d1", "ap", "d2", "up1" }, Enumerable.Range(0, 4).Select(p.NameOf));
        Assert.Equal(new[] { 1, 3 }, p.UpstreamIds.ToArray());
        Assert.True(p.IsPeering(1));
        Assert.True(p.IsUpstream(1) && p.IsDownstream(1));
        Assert.False(p.IsUpstream(0));
        Assert.False(p.IsDownstream(3));
        Assert.Equal(0, p.UpstreamPriority(1));
        Assert.Equal(1, p.UpstreamPriority(3));
        Assert.Equal(-1, p.UpstreamPriority(2));
        Assert.Equal(-1, p.IdOf("nope"));
    }

    [Fact]
    public void More_than_32_interfaces_is_rejected()
    {
        string[] downs = Enumerable.Range(0, 32).Select(i => "d" + i).ToArray();
        Assert.Throws<System.ArgumentException>(() =>
            new ProxyInstance(Instance(new[] { "up" }, downs), false, new RecordingUpstream(), new RecordingRoutes()));
    }

    [Theory]
    [InlineData("IN", "1.1.1.1,2.2.2.2", "IN", "2.2.2.2,3.3.3.3", "IN{1.1.1.1,2.2.2.2,3.3.3.3}")]
    [InlineData("IN", "1.1.1.1,2.2.2.2", "EX", "2.2.2.2,3.3.3.3", "EX{3.3.3.3}")]
    [InlineData("EX", "1.1.1.1,2.2.2.2", "IN", "2.2.2.2,3.3.3.3", "EX{1.1.1.1}")]
    [InlineData("EX", "1.1.1.1,2.2.2.2", "EX", "2.2.2.2,3.3.3.3", "EX{2.2.2.2}")]
    public void Two_downstreams_merge_per_rfc4605(string m1, string s1, string m2, string s2, string expected)
    {
        ProxyRig rig = OneUpstream();
        rig.Join("lan1", G, m1, s1);
        rig.Join("lan2", G, m2, s2);
        Assert.Equal(expected, rig.Sub("wan", G));
    }

    [Fact]
    public void Unchanged_subscription_is_not_resent_and_leave_unsubscribes_once()
    {
        ProxyRig rig = OneUpstream();
        rig.Join("lan1", G, "EX");
        rig.Join("lan1", G, "EX");
        rig.Join("lan2", G, "IN", "1.1.1.1");
        Assert.Equal(1, rig.Up.CountFor(rig.Id("wan"), A(G)));
        rig.Leave("lan1", G);
        Assert.Equal("IN{1.1.1.1}", rig.Sub("wan", G));
        rig.Leave("lan2", G);
        rig.Leave("lan2", G);
        Assert.Equal("IN{}", rig.Sub("wan", G));
        Assert.Equal(3, rig.Up.CountFor(rig.Id("wan"), A(G)));
        Assert.Empty(rig.Proxy.GetSubscriptions());
    }

    [Theory]
    [InlineData("224.0.0.251", false)]
    [InlineData("224.0.0.22", true)]
    [InlineData("239.255.255.250", false)]
    public void Link_local_and_ssdp_never_go_upstream(string group, bool proxySsdp)
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan1" }), proxySsdp);
        rig.Join("lan1", group, "EX");
        Assert.Empty(rig.Up.Calls);
    }

    [Fact]
    public void Ssdp_goes_upstream_when_proxy_ssdp_is_set()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan1" }), proxySsdp: true);
        rig.Join("lan1", "239.255.255.250", "EX");
        Assert.Equal("EX{}", rig.Sub("wan", "239.255.255.250"));
    }

    [Theory]
    [InlineData("ff02::fb", true)]
    [InlineData("ff01::1:3", true)]
    [InlineData("ff05::c", false)]
    [InlineData("ff05::c", true)]
    [InlineData("ff08::c", false)]
    [InlineData("ff08::c", true)]
    [InlineData("ff0e::c", false)]
    [InlineData("ff0e::c", true)]
    public void Ipv6_link_local_and_wider_scope_ssdp_never_go_upstream(string group, bool proxySsdp)
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan1" }), proxySsdp);
        rig.Join("lan1", group, "EX");
        bool expectUp = proxySsdp && group.EndsWith("::c");
        Assert.Equal(expectUp ? "EX{}" : "IN{}", rig.Sub("wan", group));
        Assert.Equal(expectUp ? 1 : 0, rig.Up.Calls.Count);
    }

    [Theory]
    [InlineData("ff1e::c")]
    [InlineData("ff0e::1:c")]
    [InlineData("ff3e::c")]
    public void Groups_that_only_look_like_ssdp_go_upstream(string group)
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan1" }));
        rig.Join("lan1", group, "EX");
        Assert.Equal("EX{}", rig.Sub("wan", group));
    }

    [Fact]
    public void Ipv6_global_group_goes_upstream()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan1" }));
        rig.Join("lan1", "ff3e::1234", "IN", "2001:db8::1");
        Assert.Equal("IN{2001:db8::1}", rig.Sub("wan", "ff3e::1234"));
    }

    [Fact]
    public void Status_lists_applied_subscriptions()
    {
        ProxyRig rig = OneUpstream();
        rig.Join("lan1", G, "IN", "1.1.1.1");
        SubscriptionStatus s = Assert.Single(rig.Proxy.GetSubscriptions());
        Assert.Equal(rig.Id("wan"), s.UpstreamId);
        Assert.Equal(FilterMode.Include, s.Mode);
        Assert.Equal(As("1.1.1.1"), s.Sources);
        Assert.True(rig.Proxy.TryGetSubscription(rig.Id("wan"), A(G), out FilterMode mode, out var sources));
        Assert.Equal(FilterMode.Include, mode);
        Assert.Equal(1, sources.Length);
    }
}
