using McProxy.Protocol.Routing;
using McProxy.Tests.Proxying;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Routing;

/// <summary>Route lifetime by kernel packet counters (docs/behaviour.md §6) and diffs.</summary>
public class RouteTableTests
{
    private static readonly Addr S = A("10.0.0.1");
    private static readonly Addr G = A("239.1.1.1");

    [Fact]
    public void Unchanged_counter_removes_the_route_after_one_interval()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000);
        table.Install(1000, S, G, 2, 0b1);
        Assert.Equal(21_000, table.NextDeadline);
        table.OnTimer(20_999, null);
        Assert.Equal(1, table.Count);
        table.OnTimer(21_000, null);
        Assert.Equal(0, table.Count);
        Assert.Equal(long.MaxValue, table.NextDeadline);
        Assert.Equal($"del {S} {G} 2", port.Calls[^1]);
    }

    [Fact]
    public void Moving_counter_keeps_the_route_until_it_stops()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000);
        table.Install(0, S, G, 2, 0b1);
        port.AddPackets(S, G, 2, 10);
        table.OnTimer(20_000, null);
        Assert.Equal(1, table.Count);
        Assert.Equal(40_000, table.NextDeadline);
        Assert.Equal(10UL, table.StatusOf(table.Find(S, G)).LastPacketCount);
        port.AddPackets(S, G, 2, 1);
        table.OnTimer(40_000, null);
        Assert.Equal(1, table.Count);
        table.OnTimer(60_000, null);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Update_sends_only_changes_and_nocache_always_reinstalls()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000);
        int slot = table.Install(0, S, G, 2, 0);
        table.Update(slot, 0);
        table.Update(slot, 0b100);
        table.Update(slot, 0b100);
        Assert.Equal(2, port.Calls.Count);
        // a NOCACHE upcall for a known route means the kernel lost it: send it again,
        // keeping the check deadline
        Assert.Equal(slot, table.Install(5000, S, G, 2, 0b100));
        Assert.Equal(3, port.Calls.Count);
        Assert.Equal(20_000, table.NextDeadline);
    }

    [Fact]
    public void Removed_route_reports_to_listener_and_slot_is_reused()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 1000);
        var listener = new Listener();
        int a = table.Install(0, S, G, 1, 0);
        table.OnTimer(1000, listener);
        Assert.Equal(1, listener.Count);
        int b = table.Install(1500, A("10.0.0.2"), G, 1, 0);
        Assert.Equal(a, b);
        Assert.Equal(2500, table.NextDeadline);
    }

    [Fact]
    public void Thousands_of_routes_expire_in_deadline_order_and_group_walks_find_theirs()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000);
        for (int i = 0; i < 5000; i++)
        {
            table.Install(i, Addr.FromV4(0x0A00_0000u + (uint)i), Addr.FromV4(0xEF01_0000u + (uint)(i % 50)), 1, 0);
        }

        int inGroup = 0;
        foreach (int slot in table.OfGroup(Addr.FromV4(0xEF01_0000u + 7)))
        {
            Assert.Equal(Addr.FromV4(0xEF01_0000u + 7), table.GroupOf(slot));
            inGroup++;
        }

        Assert.Equal(100, inGroup);
        Assert.Equal(20_000, table.NextDeadline);
        table.OnTimer(22_499, null);
        Assert.Equal(2500, table.Count);
        Assert.Equal(22_500, table.NextDeadline);
        table.OnTimer(30_000, null);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Deadline_queue_grows_and_keeps_fifo_order()
    {
        var q = new DeadlineQueue();
        for (int i = 0; i < 100; i++)
        {
            q.Push(i * 10, i, 1);
        }

        Assert.True(q.TryPopDue(0, out int first, out _));
        Assert.Equal(0, first);
        Assert.False(q.TryPopDue(5, out _, out _));
        Assert.Equal(10, q.FrontDeadline);
        q.Push(2000, 100, 1);
        int n = 0;
        while (q.TryPopDue(long.MaxValue, out int slot, out _))
        {
            Assert.Equal(++n, slot);
        }

        Assert.Equal(100, n);
        Assert.Equal(long.MaxValue, q.FrontDeadline);
    }

    [Fact]
    public void One_route_per_source_and_group_whose_input_is_replaced()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000);
        int slot = table.Install(0, S, G, 1, 0b100);
        Assert.Equal(slot, table.Install(10, S, G, 2, 0b1));
        Assert.Equal(1, table.Count);
        Assert.Equal(2, table.InputOf(slot));
        Assert.Equal(1, port.Count);
        Assert.Equal(2, port.InputOf(S, G));
        Assert.Equal(slot, table.Find(S, G));
    }

    [Fact]
    public void Packets_on_the_wrong_interface_do_not_keep_a_route()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000);
        table.Install(0, S, G, 1, 0b100);
        port.AddPackets(S, G, 1, 5);
        table.OnTimer(20_000, null);
        Assert.Equal(1, table.Count);

        // the source moved: its packets now arrive on interface 2 (wrong_if)
        port.AddPackets(S, G, 2, 1000);
        table.OnTimer(40_000, null);
        Assert.Equal(0, table.Count);
        Assert.Equal(0, port.Count);
    }

    [Fact]
    public void Wrongvif_removes_a_route_only_while_its_input_is_quiet()
    {
        var port = new RecordingRoutes();
        var table = new RouteTable(port, 20_000);
        table.Install(0, S, G, 1, 0b100);
        port.AddPackets(S, G, 1, 3);
        Assert.False(table.OnWrongInterface(S, G));
        Assert.True(table.TryGetCountOnInput(S, G, 1, out ulong seen));
        Assert.Equal(3UL, seen);
        Assert.False(table.TryGetCountOnInput(S, G, 2, out _));

        port.AddPackets(S, G, 2, 10);
        Assert.True(table.OnWrongInterface(S, G));
        Assert.Equal(0, table.Count);
        Assert.Equal($"del {S} {G} 1", port.Calls[^1]);
        Assert.False(table.OnWrongInterface(S, G));
    }

    private sealed class Listener : IRouteRemovedListener
    {
        public int Count { get; private set; }

        public void OnRouteRemoved(Addr source, Addr group, int inputId) => Count++;
    }
}
