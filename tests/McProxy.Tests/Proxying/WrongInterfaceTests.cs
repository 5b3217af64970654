using McProxy.Config.Model;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>
/// One forwarding entry per (S,G), as the kernel keeps it (issue 13 item 2): data that arrives
/// on another interface than the entry's input is counted in wrong_if and dropped by the
/// kernel; it never keeps a route alive, and a WRONGVIF report for a route whose input is quiet
/// makes the proxy re-evaluate it at once. The fake kernel (RecordingRoutes) behaves like Linux.
/// </summary>
public class WrongInterfaceTests
{
    private const string G = "239.1.2.3";
    private const string S = "10.0.0.1";

    [Fact]
    public void A_spoofed_packet_from_the_lan_does_not_blackhole_the_real_stream()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan" }));
        // idle channel: a LAN host sends one packet with the real upstream source S
        rig.Data(0, S, G, "lan");
        Assert.Equal(rig.Id("lan"), rig.Routes.InputOf(A(S), A(G)));

        // a viewer joins; the real stream comes from upstream and hits the LAN-input entry
        rig.Join("lan", G, "EX");
        Assert.Equal("EX{}", rig.Sub("wan", G));
        Assert.False(rig.Routes.AddPackets(A(S), A(G), rig.Id("wan"), 1));

        // wan is an output of that entry, so the kernel (MRT_ASSERT) reports WRONGVIF: the LAN
        // input saw nothing since the install, the route goes, the next packet raises NOCACHE
        // is routed from wan at once, as wan's NOCACHE would be
        rig.Proxy.OnWrongInterface(50, A(S), A(G), rig.Id("wan"));
        Assert.Equal(rig.Bit("lan"), rig.Mask(S, G, "wan"));
        Assert.True(rig.Routes.AddPackets(A(S), A(G), rig.Id("wan"), 1));
    }

    [Fact]
    public void A_lan_host_that_keeps_forging_the_source_cannot_hold_the_entry()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan" }));
        rig.Data(0, S, G, "lan");
        rig.Join("lan", G, "EX");
        Assert.True(rig.Routes.AddPackets(A(S), A(G), rig.Id("lan"), 5));      // the forger goes on
        Assert.False(rig.Routes.AddPackets(A(S), A(G), rig.Id("wan"), 1));     // the real stream
        rig.Proxy.OnWrongInterface(100, A(S), A(G), rig.Id("wan"));
        Assert.Equal(rig.Bit("lan"), rig.Mask(S, G, "wan"));

        // the forger's packets now hit the wan entry; lan is its output, so the kernel reports
        // WRONGVIF from lan: wan's stream flows, nothing changes
        Assert.True(rig.Routes.AddPackets(A(S), A(G), rig.Id("wan"), 50));
        Assert.False(rig.Routes.AddPackets(A(S), A(G), rig.Id("lan"), 1));
        rig.Proxy.OnWrongInterface(3100, A(S), A(G), rig.Id("lan"));
        Assert.Equal(rig.Bit("lan"), rig.Mask(S, G, "wan"));
    }

    [Fact]
    public void A_quiet_route_from_an_upstream_is_re_evaluated_when_a_downstream_reports_wrongvif()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan", "lan2" }));
        rig.Join("lan", G, "EX");
        rig.Data(0, S, G, "wan");
        // the source moved behind lan (output of the entry): wan sent nothing since the install
        Assert.False(rig.Routes.AddPackets(A(S), A(G), rig.Id("lan"), 1));
        rig.Proxy.OnWrongInterface(1000, A(S), A(G), rig.Id("lan"));
        Assert.Equal(-1, rig.Routes.InputOf(A(S), A(G)));
    }

    [Fact]
    public void A_wrongvif_report_leaves_a_route_whose_input_is_alive()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan" }));
        rig.Join("lan", G, "EX");
        rig.Data(0, S, G, "wan");
        rig.Routes.AddPackets(A(S), A(G), rig.Id("wan"), 100);

        // a LAN host forges S: the real stream keeps flowing on wan, so nothing changes
        rig.Routes.AddPackets(A(S), A(G), rig.Id("lan"), 1);
        rig.Proxy.OnWrongInterface(10, A(S), A(G), rig.Id("lan"));
        Assert.Equal(rig.Bit("lan"), rig.Mask(S, G, "wan"));

        // ... also the next time, as long as wan's packets keep coming
        rig.Routes.AddPackets(A(S), A(G), rig.Id("wan"), 100);
        rig.Routes.AddPackets(A(S), A(G), rig.Id("lan"), 1);
        rig.Proxy.OnWrongInterface(3010, A(S), A(G), rig.Id("lan"));
        Assert.Equal(rig.Bit("lan"), rig.Mask(S, G, "wan"));
        Assert.DoesNotContain(rig.Routes.Calls, c => c.StartsWith("del", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Rulematching_all_fails_over_while_both_upstreams_stay_up()
    {
        var rig = new ProxyRig(Instance(new[] { "up1", "up2" }, new[] { "d1" }, null, new[] { InMatching(RuleMatching.All) }));
        rig.Join("d1", G, "EX");
        Assert.Equal("EX{}", rig.Sub("up1", G));
        Assert.Equal("EX{}", rig.Sub("up2", G));
        rig.Data(0, S, G, "up1");
        Assert.True(rig.Routes.AddPackets(A(S), A(G), rig.Id("up1"), 50));
        rig.Proxy.OnTimer(20_000);
        Assert.Equal(rig.Id("up1"), rig.Routes.InputOf(A(S), A(G)));

        // up1 stops carrying S, up2 carries it: its packets match the entry, are counted as
        // packets and wrong_if, and dropped (up2 is no output, so no WRONGVIF either)
        Assert.False(rig.Routes.AddPackets(A(S), A(G), rig.Id("up2"), 50));
        rig.Proxy.OnTimer(40_000);
        Assert.Equal(-1, rig.Routes.InputOf(A(S), A(G)));

        // the next packet raises NOCACHE on up2, where the rules decide
        rig.Data(40_010, S, G, "up2");
        Assert.Equal(rig.Bit("d1"), rig.Mask(S, G, "up2"));
        Assert.True(rig.Routes.AddPackets(A(S), A(G), rig.Id("up2"), 1));
    }

    [Fact]
    public void Mutex_fails_over_while_both_upstreams_stay_up()
    {
        var rig = new ProxyRig(Instance(new[] { "up1", "up2" }, new[] { "d1" }, null, new[] { InMatching(RuleMatching.Mutex, 2000) }));
        rig.Join("d1", G, "IN", S);
        rig.Data(0, S, G, "up1");
        Assert.Equal(rig.Id("up1"), rig.Proxy.ClaimOwner(A(S), A(G)));
        Assert.Equal("IN{}", rig.Sub("up2", G));
        rig.Routes.AddPackets(A(S), A(G), rig.Id("up1"), 50);
        rig.Proxy.OnTimer(2000);
        Assert.Equal(rig.Id("up1"), rig.Proxy.ClaimOwner(A(S), A(G)));

        // up1 goes quiet while S's data keeps arriving on up2 (dropped as wrong_if): the claim
        // must end after T, S be requested everywhere again and the entry go
        Assert.False(rig.Routes.AddPackets(A(S), A(G), rig.Id("up2"), 50));
        rig.Proxy.OnTimer(4000);
        Assert.Equal(-1, rig.Proxy.ClaimOwner(A(S), A(G)));
        Assert.Equal("IN{10.0.0.1}", rig.Sub("up2", G));
        Assert.Equal(-1, rig.Routes.InputOf(A(S), A(G)));

        // up2's next packet raises NOCACHE: up2 owns S now and its data reaches d1
        rig.Data(4010, S, G, "up2");
        Assert.Equal(rig.Id("up2"), rig.Proxy.ClaimOwner(A(S), A(G)));
        Assert.Equal(rig.Bit("d1"), rig.Mask(S, G, "up2"));
    }
}
