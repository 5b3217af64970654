using McProxy.Config.Model;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>Output interfaces of (S,G) (RFC 4605 §4.2, docs/behaviour.md §3) and route diffs.</summary>
public class ForwardingTests
{
    private const string G = "239.1.2.3";
    private const string S = "10.0.0.1";

    [Fact]
    public void Route_without_receivers_is_installed_with_no_outputs()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan1", "lan2" }));
        rig.Data(0, S, G, "wan");
        Assert.Equal(new[] { $"set {S} {G} {rig.Id("wan")} 0x0" }, rig.Routes.Calls);
        Assert.Equal(1, rig.Proxy.RouteCount);
    }

    [Fact]
    public void Join_after_data_updates_the_route_immediately()
    {
        // omcproxy #25 / mcproxy #17: the MFC must follow the report, not wait for NOCACHE.
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan1", "lan2" }));
        rig.Data(0, S, G, "wan");
        rig.Data(0, "10.0.0.9", G, "wan");
        rig.Join("lan2", G, "IN", S);
        Assert.Equal(rig.Bit("lan2"), rig.Mask(S, G, "wan"));
        Assert.Equal(0u, rig.Mask("10.0.0.9", G, "wan"));
        rig.Join("lan1", G, "EX");
        Assert.Equal(rig.Bit("lan1") | rig.Bit("lan2"), rig.Mask(S, G, "wan"));
        Assert.Equal(rig.Bit("lan1"), rig.Mask("10.0.0.9", G, "wan"));
        rig.Leave("lan1", G);
        rig.Leave("lan2", G);
        Assert.Equal(0u, rig.Mask(S, G, "wan"));
        // installs 2, join lan2 1 (S only), join lan1 2, leave lan1 2, leave lan2 1 (S only)
        Assert.Equal(2 + 1 + 2 + 2 + 1, rig.Routes.Calls.Count);
    }

    [Fact]
    public void Unchanged_outputs_are_not_resent()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan1", "lan2" }));
        rig.Join("lan1", G, "EX");
        rig.Data(0, S, G, "wan");
        int before = rig.Routes.Calls.Count;
        rig.Join("lan1", G, "EX", "10.9.9.9");
        rig.Join("lan2", G, "IN", "10.9.9.9");
        Assert.Equal(before, rig.Routes.Calls.Count);
    }

    [Fact]
    public void Downstream_data_goes_to_all_upstreams_and_interested_downstreams()
    {
        var rig = new ProxyRig(Instance(new[] { "up1", "up2" }, new[] { "d1", "d2", "d3" }));
        rig.Join("d2", G, "IN", S);
        rig.Join("d3", G, "EX", S);
        rig.Join("d1", G, "EX");
        rig.Data(0, S, G, "d1");
        Assert.Equal(rig.Bit("up1") | rig.Bit("up2") | rig.Bit("d2"), rig.Mask(S, G, "d1"));
    }

    [Fact]
    public void Upstream_out_first_sends_downstream_data_to_the_first_permitting_upstream()
    {
        var rig = new ProxyRig(Instance(new[] { "up1", "up2" }, new[] { "d1" },
            new[] { Filter(InterfaceRole.Upstream, "up1", FilterDirection.Out, FilterKind.Blacklist, Rule("239.9.0.0/16", "*")) },
            new[] { OutMatching(RuleMatching.First) }));
        rig.Data(0, S, G, "d1");
        rig.Data(0, S, "239.9.0.1", "d1");
        Assert.Equal(rig.Bit("up1"), rig.Mask(S, G, "d1"));
        Assert.Equal(rig.Bit("up2"), rig.Mask(S, "239.9.0.1", "d1"));
    }

    [Fact]
    public void Upstream_data_never_goes_to_another_upstream()
    {
        var rig = new ProxyRig(Instance(new[] { "up1", "up2" }, new[] { "d1" }));
        rig.Join("d1", G, "EX");
        rig.Data(0, S, G, "up2");
        Assert.Equal(rig.Bit("d1"), rig.Mask(S, G, "up2"));
    }

    [Fact]
    public void Upstream_in_filter_decides_whether_upstream_data_is_routed()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan" },
            new[] { Filter(InterfaceRole.Upstream, "wan", FilterDirection.In, FilterKind.Whitelist, Rule("232.0.0.0/8", "10.0.0.0/8")) }));
        rig.Join("lan", "232.1.1.1", "EX");
        // the subscription is widened (a range cannot be written as a source list) ...
        Assert.Equal("EX{}", rig.Sub("wan", "232.1.1.1"));
        // ... but data from outside the range is never routed
        rig.Data(0, "10.1.1.1", "232.1.1.1", "wan");
        rig.Data(0, "11.1.1.1", "232.1.1.1", "wan");
        Assert.Equal(rig.Bit("lan"), rig.Mask("10.1.1.1", "232.1.1.1", "wan"));
        Assert.Equal(0u, rig.Mask("11.1.1.1", "232.1.1.1", "wan"));
    }

    [Fact]
    public void Downstream_in_and_out_filters()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1", "d2" }, new[]
        {
            Filter(InterfaceRole.Downstream, "d1", FilterDirection.In, FilterKind.Blacklist, Rule("239.9.0.0/16", "*")),
            // d2 gets nothing that arrives on wan (IF qualifier = arrival interface)
            Filter(InterfaceRole.Downstream, "d2", FilterDirection.Out, FilterKind.Blacklist, Rule("*", "*", "wan")),
        }));
        rig.Join("d2", G, "EX");
        rig.Join("d1", G, "EX");
        rig.Data(0, S, "239.9.0.1", "d1");
        rig.Data(0, S, G, "wan");
        rig.Data(0, S, G, "d1");
        Assert.Equal(0u, rig.Mask(S, "239.9.0.1", "d1"));
        Assert.Equal(rig.Bit("d1"), rig.Mask(S, G, "wan"));
        Assert.Equal(rig.Bit("wan") | rig.Bit("d2"), rig.Mask(S, G, "d1"));
    }

    [Fact]
    public void Downstream_out_filter_with_upstream_qualifier_shapes_the_merge()
    {
        var rig = new ProxyRig(Instance(new[] { "up1", "up2" }, new[] { "d1" },
            new[] { Filter(InterfaceRole.Downstream, "d1", FilterDirection.Out, FilterKind.Blacklist, Rule("*", "*", "up1")) },
            new[] { InMatching(RuleMatching.All) }));
        rig.Join("d1", G, "EX");
        Assert.Equal(0, rig.Up.CountFor(rig.Id("up1"), A(G)));
        Assert.Equal("EX{}", rig.Sub("up2", G));
    }

    [Fact]
    public void Peering_interface_data_counts_as_downstream_data()
    {
        // example D shape: ap is upstream and downstream
        var rig = new ProxyRig(Instance(new[] { "ap", "a1" }, new[] { "ap", "a2" }));
        rig.Join("a2", G, "EX");
        rig.Data(0, S, G, "ap");
        // goes to the other upstream (a1) like downstream data, and to a2
        Assert.Equal(rig.Bit("a1") | rig.Bit("a2"), rig.Mask(S, G, "ap"));
        // data from the real upstream a1 reaches ap only as a downstream with members
        rig.Data(0, S, G, "a1");
        Assert.Equal(rig.Bit("a2"), rig.Mask(S, G, "a1"));
        rig.Join("ap", G, "EX");
        Assert.Equal(rig.Bit("a2") | rig.Bit("ap"), rig.Mask(S, G, "a1"));
    }

    [Fact]
    public void Peering_members_are_merged_toward_other_upstreams_not_toward_themselves()
    {
        var rig = new ProxyRig(Instance(new[] { "ap", "a1" }, new[] { "ap", "a2" }, null, new[] { InMatching(RuleMatching.All) }));
        rig.Join("ap", G, "EX");
        Assert.Equal(0, rig.Up.CountFor(rig.Id("ap"), A(G)));
        Assert.Equal("EX{}", rig.Sub("a1", G));
        rig.Join("a2", G, "IN", S);
        Assert.Equal("IN{10.0.0.1}", rig.Sub("ap", G));
    }

    [Fact]
    public void Peering_members_reach_the_next_upstream_with_first_matching()
    {
        // ap is the preferred upstream but its own members are not merged toward it; with
        // `first` they must still reach a1 (they do not count as served by ap).
        var rig = new ProxyRig(Instance(new[] { "ap", "a1" }, new[] { "ap", "a2" }));
        rig.Join("ap", G, "EX");
        Assert.Equal(0, rig.Up.CountFor(rig.Id("ap"), A(G)));
        Assert.Equal("EX{}", rig.Sub("a1", G));
        // a2's members are served by ap, the first upstream; ap's still by a1
        rig.Join("a2", G, "IN", S);
        Assert.Equal("IN{10.0.0.1}", rig.Sub("ap", G));
        Assert.Equal("EX{}", rig.Sub("a1", G));
        rig.Leave("ap", G);
        Assert.Equal("IN{}", rig.Sub("a1", G));
    }

    [Fact]
    public void Link_local_data_is_never_routed_and_ssdp_stays_off_upstreams()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1", "d2" }));
        rig.Join("d2", "224.0.0.251", "EX");
        rig.Join("d2", "239.255.255.250", "EX");
        rig.Data(0, S, "224.0.0.251", "d1");
        rig.Data(0, S, "239.255.255.250", "d1");
        Assert.Equal(0u, rig.Mask(S, "224.0.0.251", "d1"));
        Assert.Equal(rig.Bit("d2"), rig.Mask(S, "239.255.255.250", "d1"));
    }

    [Theory]
    [InlineData("239.255.255.250", false)]
    [InlineData("239.255.255.250", true)]
    [InlineData("ff02::c", false)]
    [InlineData("ff05::c", false)]
    [InlineData("ff0e::c", false)]
    [InlineData("ff05::c", true)]
    public void Ssdp_from_an_upstream_reaches_the_lan_only_with_proxy_ssdp(string ssdp, bool proxySsdp)
    {
        string source = ssdp.Contains(':') ? "2001:db8::5" : S;
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1", "d2" }), proxySsdp);
        rig.Join("d1", ssdp, "EX");
        rig.Data(0, source, ssdp, "wan");
        bool linkLocal = ssdp == "ff02::c";
        Assert.Equal(proxySsdp && !linkLocal ? rig.Bit("d1") : 0u, rig.Mask(source, ssdp, "wan"));

        // From the LAN: to the other LAN members always, upstream only with proxy_ssdp.
        rig.Join("d2", ssdp, "EX");
        rig.Data(0, source, ssdp, "d1");
        Assert.Equal(linkLocal ? 0u : rig.Bit("d2") | (proxySsdp ? rig.Bit("wan") : 0u), rig.Mask(source, ssdp, "d1"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ssdp_never_touches_a_peering_interface_without_proxy_ssdp(bool proxySsdp)
    {
        const string Ssdp = "239.255.255.250";
        var rig = new ProxyRig(Instance(new[] { "ap", "wan" }, new[] { "ap", "d1" }), proxySsdp);
        rig.Join("ap", Ssdp, "EX");
        rig.Join("d1", Ssdp, "EX");
        rig.Data(0, S, Ssdp, "ap");
        Assert.Equal(proxySsdp ? rig.Bit("d1") | rig.Bit("wan") : 0u, rig.Mask(S, Ssdp, "ap"));
        rig.Data(0, S, Ssdp, "d1");
        Assert.Equal(proxySsdp ? rig.Bit("ap") | rig.Bit("wan") : 0u, rig.Mask(S, Ssdp, "d1"));
    }

    [Fact]
    public void Unknown_input_interface_is_ignored()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "d1" }));
        rig.Proxy.OnDataArrived(0, A(S), A(G), 7);
        Assert.Empty(rig.Routes.Calls);
    }
}
