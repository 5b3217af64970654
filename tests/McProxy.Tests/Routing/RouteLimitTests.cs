using McProxy.Config.Model;
using McProxy.Protocol.Proxying;
using McProxy.Protocol.Routing;
using McProxy.Tests.Proxying;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Routing;

/// <summary>Route limits per instance and per input, and eviction order (issue 13 item 3, docs/behaviour.md §6).</summary>
public class RouteLimitTests
{
    private static readonly Addr G = A("239.1.1.1");

    private static Addr Src(int i) => Addr.FromV4(0x0A000000u + (uint)i);

    [Fact]
    public void A_full_input_evicts_its_own_oldest_route_not_another_inputs()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000, new RouteLimits(100, 3, 20_000));
        table.Install(0, Src(100), G, 2, 0b1);      // another input, older than all
        for (int i = 1; i <= 3; i++)
        {
            table.Install(i, Src(i), G, 1, 0b1);
        }

        table.Install(10, Src(4), G, 1, 0b1);
        Assert.Equal(-1, table.Find(Src(1), G));
        Assert.NotEqual(-1, table.Find(Src(100), G));
        Assert.Equal(3, table.CountOn(1));
        Assert.Equal(4, port.Count);
        Assert.Equal(1, table.Evicted);
        Assert.Contains($"del {Src(1)} {G} 1", port.Calls);
    }

    [Fact]
    public void Routes_without_outputs_are_evicted_first()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000, new RouteLimits(100, 3, 20_000));
        table.Install(0, Src(1), G, 1, 0b1);
        table.Install(1, Src(2), G, 1, 0);
        table.Install(2, Src(3), G, 1, 0b1);
        table.Install(3, Src(4), G, 1, 0b1);
        Assert.Equal(-1, table.Find(Src(2), G));
        Assert.NotEqual(-1, table.Find(Src(1), G));

        // a route that loses its outputs becomes the first candidate, whatever its age
        table.Update(table.Find(Src(4), G), 0);
        table.Install(4, Src(5), G, 1, 0b1);
        Assert.Equal(-1, table.Find(Src(4), G));
        Assert.NotEqual(-1, table.Find(Src(1), G));
        Assert.Equal(2, table.Evicted);
    }

    [Fact]
    public void A_full_instance_evicts_an_idle_route_else_the_fullest_inputs_oldest()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000, new RouteLimits(4, 10, 20_000));
        table.Install(0, Src(1), G, 0, 0b10);      // the viewer's stream, oldest of all
        table.Install(1, Src(2), G, 1, 0b1);
        table.Install(2, Src(3), G, 1, 0);
        table.Install(3, Src(4), G, 1, 0b1);

        table.Install(4, Src(5), G, 2, 0b1);
        Assert.Equal(-1, table.Find(Src(3), G));   // the one without outputs

        table.Install(5, Src(6), G, 2, 0b1);
        Assert.Equal(-1, table.Find(Src(2), G));   // input 1 held the most: its oldest
        Assert.NotEqual(-1, table.Find(Src(1), G));
        Assert.Equal(4, table.Count);
        Assert.Equal(4, port.Count);
    }

    [Fact]
    public void Routes_without_outputs_are_checked_at_the_idle_interval()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000, new RouteLimits(100, 100, 5_000));
        table.Install(0, Src(1), G, 1, 0);
        table.Install(0, Src(2), G, 1, 0b100);
        Assert.Equal(5_000, table.NextDeadline);
        table.OnTimer(5_000, null);
        Assert.Equal(-1, table.Find(Src(1), G));
        Assert.NotEqual(-1, table.Find(Src(2), G));
        Assert.Equal(20_000, table.NextDeadline);

        // data keeps an idle route: it is re-armed at the idle interval
        table.Install(6_000, Src(3), G, 1, 0);
        port.AddPackets(Src(3), G, 1, 7);
        table.OnTimer(11_000, null);
        Assert.NotEqual(-1, table.Find(Src(3), G));
        Assert.Equal(16_000, table.StatusOf(table.Find(Src(3), G)).NextCheck);
    }

    [Fact]
    public void Moving_a_route_to_a_full_input_makes_room_there()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000, new RouteLimits(100, 2, 20_000));
        table.Install(0, Src(1), G, 1, 0b1);
        table.Install(1, Src(2), G, 1, 0b1);
        table.Install(2, Src(3), G, 2, 0b1);
        table.Install(3, Src(3), G, 1, 0b1);       // NOCACHE of the same (S,G) on input 1
        Assert.Equal(2, table.CountOn(1));
        Assert.Equal(0, table.CountOn(2));
        Assert.Equal(-1, table.Find(Src(1), G));
        Assert.Equal(1, port.InputOf(Src(3), G));
    }

    [Fact]
    public void A_flood_of_random_routes_on_the_lan_stays_bounded_and_spares_the_viewers_stream()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan" }));
        rig.Join("lan", "239.9.9.9", "EX");
        rig.Data(0, "10.1.0.2", "239.9.9.9", "wan");
        var rng = new System.Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            Addr s = Addr.FromV4(0x0A020000u | (uint)rng.Next(2, 252));
            Addr g = Addr.FromV4(0xEF000000u | (uint)rng.Next(1, 0xFFFFFF));
            rig.Proxy.OnDataArrived(i, s, g, rig.Id("lan"));
        }

        Assert.Equal(RouteLimits.DefaultMaxPerInput + 1, rig.Proxy.RouteCount);
        Assert.Equal(RouteLimits.DefaultMaxPerInput + 1, rig.Routes.Count);
        Assert.Equal(rig.Bit("lan"), rig.Mask("10.1.0.2", "239.9.9.9", "wan"));
        Assert.True(rig.Proxy.RoutesEvicted >= 20_000 - RouteLimits.DefaultMaxPerInput - 10);
    }

    [Fact]
    public void Proxy_options_carry_the_configured_limits()
    {
        var rig = new ProxyRig(Instance(new[] { "wan" }, new[] { "lan" }), options: new ProxyOptions(MaxRoutes: 5, MaxRoutesPerInput: 3));
        for (int i = 0; i < 10; i++)
        {
            rig.Proxy.OnDataArrived(i, Src(i), G, rig.Id("lan"));
        }

        Assert.Equal(3, rig.Proxy.RouteCount);
        Assert.Equal(new RouteLimits(5, 3, 5_000), rig.Proxy.RouteLimits);
    }
}
