using McProxy.Config.Model;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>"upstream * in rulematching first|all|mutex T" with two upstreams (docs/behaviour.md §3).</summary>
public class RuleMatchingTests
{
    private const string G = "239.1.2.3";
    private const string S1 = "10.0.0.1";
    private const string S2 = "10.0.0.2";

    private static ProxyRig Rig(RuleMatching m, int mutexMs = 0, params FilterBinding[] filters) =>
        new(Instance(new[] { "up1", "up2" }, new[] { "d1", "d2" }, filters, new[] { InMatching(m, mutexMs) }));

    [Fact]
    public void First_is_the_default_and_puts_exclude_joins_on_the_first_upstream_only()
    {
        var rig = new ProxyRig(Instance(new[] { "up1", "up2" }, new[] { "d1" }));
        rig.Join("d1", G, "EX");
        Assert.Equal("EX{}", rig.Sub("up1", G));
        Assert.Equal(0, rig.Up.CountFor(rig.Id("up2"), A(G)));
    }

    [Fact]
    public void First_group_rejected_by_up1_in_filter_goes_to_up2()
    {
        ProxyRig rig = Rig(RuleMatching.First, 0,
            Filter(InterfaceRole.Upstream, "up1", FilterDirection.In, FilterKind.Whitelist, Rule("239.9.0.0/16", "*")));
        rig.Join("d1", G, "EX");
        rig.Join("d1", "239.9.0.1", "EX");
        Assert.Equal(0, rig.Up.CountFor(rig.Id("up1"), A(G)));
        Assert.Equal("EX{}", rig.Sub("up2", G));
        Assert.Equal("EX{}", rig.Sub("up1", "239.9.0.1"));
        Assert.Equal(0, rig.Up.CountFor(rig.Id("up2"), A("239.9.0.1")));
    }

    [Fact]
    public void First_sources_rejected_by_up1_carry_over_to_up2()
    {
        ProxyRig rig = Rig(RuleMatching.First, 0,
            Filter(InterfaceRole.Upstream, "up1", FilterDirection.In, FilterKind.Whitelist, Rule("*", S1)));
        rig.Join("d1", G, "IN", S1 + "," + S2);
        Assert.Equal("IN{10.0.0.1}", rig.Sub("up1", G));
        Assert.Equal("IN{10.0.0.2}", rig.Sub("up2", G));

        rig.Join("d1", G, "EX");
        Assert.Equal("IN{10.0.0.1}", rig.Sub("up1", G));
        Assert.Equal("EX{10.0.0.1}", rig.Sub("up2", G));
    }

    [Fact]
    public void First_next_upstream_takes_over_while_the_first_is_down()
    {
        ProxyRig rig = Rig(RuleMatching.First);
        rig.Join("d1", G, "EX");
        rig.Proxy.OnInterfaceDown(rig.Id("up1"));
        Assert.Equal("IN{}", rig.Sub("up1", G));
        Assert.Equal("EX{}", rig.Sub("up2", G));
        rig.Proxy.OnInterfaceUp(rig.Id("up1"));
        Assert.Equal("EX{}", rig.Sub("up1", G));
        Assert.Equal("IN{}", rig.Sub("up2", G));
    }

    [Fact]
    public void All_sends_the_merged_request_to_every_permitting_upstream()
    {
        ProxyRig rig = Rig(RuleMatching.All, 0,
            Filter(InterfaceRole.Upstream, "up2", FilterDirection.In, FilterKind.Blacklist, Rule("*", S2)));
        rig.Join("d1", G, "EX");
        rig.Join("d2", G, "IN", S1);
        Assert.Equal("EX{}", rig.Sub("up1", G));
        Assert.Equal("EX{10.0.0.2}", rig.Sub("up2", G));
    }

    [Fact]
    public void Mutex_requests_everywhere_until_data_arrives_then_only_on_the_owner()
    {
        ProxyRig rig = Rig(RuleMatching.Mutex, 2000);
        rig.Join("d1", G, "IN", S1 + "," + S2);
        Assert.Equal("IN{10.0.0.1,10.0.0.2}", rig.Sub("up1", G));
        Assert.Equal("IN{10.0.0.1,10.0.0.2}", rig.Sub("up2", G));

        rig.Data(0, S1, G, "up2");
        Assert.Equal(rig.Id("up2"), rig.Proxy.ClaimOwner(A(S1), A(G)));
        Assert.Equal("IN{10.0.0.2}", rig.Sub("up1", G));
        Assert.Equal("IN{10.0.0.1,10.0.0.2}", rig.Sub("up2", G));
        Assert.Equal(rig.Bit("d1"), rig.Mask(S1, G, "up2"));

        // data on the preferred upstream takes over; the (S,G) entry moves to up1, so up2's
        // copy stops being forwarded
        rig.Data(100, S1, G, "up1");
        Assert.Equal("IN{10.0.0.1,10.0.0.2}", rig.Sub("up1", G));
        Assert.Equal("IN{10.0.0.2}", rig.Sub("up2", G));
        Assert.Equal(rig.Bit("d1"), rig.Mask(S1, G, "up1"));
        Assert.Equal(rig.Id("up1"), rig.Routes.InputOf(A(S1), A(G)));

        // data on the less preferred upstream does not take it back
        rig.Data(200, S2, G, "up1");
        rig.Data(300, S2, G, "up2");
        Assert.Equal(rig.Id("up1"), rig.Proxy.ClaimOwner(A(S2), A(G)));
        Assert.Equal(0u, rig.Mask(S2, G, "up2"));
    }

    [Fact]
    public void Mutex_timeout_T_is_actually_used()
    {
        ProxyRig rig = Rig(RuleMatching.Mutex, 2000);
        Assert.Equal(2000, rig.Proxy.MutexTimeoutMs);
        rig.Join("d1", G, "IN", S1);
        rig.Data(1000, S1, G, "up1");
        Assert.Equal("IN{}", rig.Sub("up2", G));
        Assert.Equal(3000, rig.Proxy.NextDeadline);

        // data flows: the claim survives its check
        rig.Routes.AddPackets(A(S1), A(G), rig.Id("up1"), 50);
        rig.Proxy.OnTimer(3000);
        Assert.Equal("IN{}", rig.Sub("up2", G));
        Assert.Equal(5000, rig.Proxy.NextDeadline);

        // no data for T ms (well before the 20 s route check): requested everywhere again
        rig.Proxy.OnTimer(4999);
        Assert.Equal("IN{}", rig.Sub("up2", G));
        rig.Proxy.OnTimer(5000);
        Assert.Equal(-1, rig.Proxy.ClaimOwner(A(S1), A(G)));
        Assert.Equal("IN{10.0.0.1}", rig.Sub("up2", G));
        Assert.Equal("IN{10.0.0.1}", rig.Sub("up1", G));
        Assert.Contains($"del {S1} {G} {rig.Id("up1")}", rig.Routes.Calls);
    }

    [Fact]
    public void Mutex_keeps_exclude_joins_and_excludes_claimed_sources_elsewhere()
    {
        ProxyRig rig = Rig(RuleMatching.Mutex, 2000);
        rig.Join("d1", G, "EX");
        Assert.Equal("EX{}", rig.Sub("up1", G));
        Assert.Equal("EX{}", rig.Sub("up2", G));
        rig.Data(0, S1, G, "up1");
        Assert.Equal("EX{}", rig.Sub("up1", G));
        Assert.Equal("EX{10.0.0.1}", rig.Sub("up2", G));
    }

    [Fact]
    public void Mutex_source_seen_on_a_downstream_is_requested_nowhere()
    {
        ProxyRig rig = Rig(RuleMatching.Mutex, 2000);
        rig.Join("d1", G, "IN", S1);
        rig.Data(0, S1, G, "d2");
        Assert.Equal("IN{}", rig.Sub("up1", G));
        Assert.Equal("IN{}", rig.Sub("up2", G));
        Assert.Equal(rig.Bit("d1") | rig.Bit("up1") | rig.Bit("up2"), rig.Mask(S1, G, "d2"));
    }

    [Fact]
    public void Mutex_claims_of_an_upstream_that_goes_down_end()
    {
        ProxyRig rig = Rig(RuleMatching.Mutex, 2000);
        rig.Join("d1", G, "IN", S1);
        rig.Data(0, S1, G, "up1");
        rig.Proxy.OnInterfaceDown(rig.Id("up1"));
        Assert.Equal(-1, rig.Proxy.ClaimOwner(A(S1), A(G)));
        Assert.Equal("IN{10.0.0.1}", rig.Sub("up2", G));
    }
}
