using System.Linq;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;
using static McProxy.Tests.Instances.CoreRig;

namespace McProxy.Tests.Instances;

/// <summary>
/// The instance core's own wiring: interfaces attached and detached (late, flapping, re-created
/// with a new ifindex), messages and data delivered by ifindex and vif, queries addressed, due
/// timers run before inputs, drops counted per interface.
/// </summary>
public class InstanceCoreTests
{
    private const string G = "239.1.1.1";
    private const string Host = "10.11.0.9";
    private const string OneUpstream = "protocol IGMPv3;\npinstance home: up0 ==> dn0;\n";

    [Fact]
    public void A_group_joined_before_the_upstream_exists_is_subscribed_when_it_appears()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Attach(0, "dn0", 11);
        rig.Report(1000, "dn0", Host, RecordType.ChangeToExclude, G);
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("join"));

        int mark = rig.Calls.Count;
        rig.Attach(2000, "up0", 12);
        Assert.Contains($"join up0@12 {G} EX{{}}", rig.CallsSince(mark));
    }

    [Fact]
    public void Data_from_a_downstream_source_reaches_an_upstream_that_appears_later()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Attach(0, "dn0", 11);
        rig.Data(1000, "10.11.0.9", G, "dn0");
        Assert.Equal(0u, rig.Routes[(A("10.11.0.9"), A(G), "dn0")]);

        rig.Attach(2000, "up0", 12);
        Assert.Equal("up0", rig.MaskNames(rig.Routes[(A("10.11.0.9"), A(G), "dn0")]));
    }

    [Fact]
    public void An_upstream_re_created_with_a_new_ifindex_gets_the_subscription_again()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Attach(0, "dn0", 11);
        rig.Attach(0, "up0", 12);
        rig.Report(1000, "dn0", Host, RecordType.ChangeToExclude, G);
        rig.Data(1000, "10.11.0.9", G, "dn0");
        rig.Data(1000, "10.99.0.2", G, "up0");

        int mark = rig.Calls.Count;
        rig.Detach(2000, "up0");
        string[] down = rig.CallsSince(mark);
        Assert.Contains($"leave up0@12 {G} IN{{}}", down);
        Assert.Contains($"unroute (10.99.0.2, {G}) up0", down);
        Assert.Equal(0u, rig.Routes[(A("10.11.0.9"), A(G), "dn0")]);

        mark = rig.Calls.Count;
        rig.Attach(3000, "up0", 17);
        Assert.Contains($"join up0@17 {G} EX{{}}", rig.CallsSince(mark));
        Assert.Equal("up0", rig.MaskNames(rig.Routes[(A("10.11.0.9"), A(G), "dn0")]));

        // Attaching under a new ifindex without a detach in between (missed events) is the same.
        mark = rig.Calls.Count;
        rig.Attach(4000, "up0", 23);
        Assert.Equal(new[] { $"leave up0@17 {G} IN{{}}", $"route (10.11.0.9, {G}) dn0 -> none", $"join up0@23 {G} EX{{}}", $"route (10.11.0.9, {G}) dn0 -> up0" }, rig.CallsSince(mark));
    }

    [Fact]
    public void A_downstream_that_appears_later_is_served_and_one_that_goes_stops_counting()
    {
        var rig = new CoreRig("protocol IGMPv3;\npinstance home: up0 ==> dn0 dn1;\n");
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11);
        rig.Data(500, "10.99.0.2", G, "up0");
        rig.Report(1000, "dn0", Host, RecordType.ChangeToExclude, G);
        Assert.Equal("dn0", rig.MaskNames(rig.Routes[(A("10.99.0.2"), A(G), "up0")]));

        int mark = rig.Calls.Count;
        rig.Attach(2000, "dn1", 13);
        Assert.Equal($"query dn1@13 224.0.0.1 from 10.13.0.1 general", rig.CallsSince(mark).Single());
        rig.Report(2100, "dn1", "10.13.0.9", RecordType.ChangeToExclude, G);
        Assert.Equal("dn0 dn1", rig.MaskNames(rig.Routes[(A("10.99.0.2"), A(G), "up0")]));

        mark = rig.Calls.Count;
        rig.Detach(3000, "dn0");
        Assert.Equal(new[] { $"route (10.99.0.2, {G}) up0 -> dn1" }, rig.CallsSince(mark));
        Assert.Null(rig.Core.DownstreamOf(rig.Id("dn0")));
        rig.Detach(3000, "dn1");
        Assert.Contains($"leave up0@12 {G} IN{{}}", rig.Calls);
    }

    [Fact]
    public void Nothing_is_asked_of_an_interface_before_it_is_attached()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Report(1000, "dn0", Host, RecordType.ChangeToExclude, G);
        rig.Data(1000, "10.99.0.2", G, "up0");
        rig.Tick(300_000);
        Assert.Empty(rig.Calls);
        Assert.Equal(long.MaxValue, rig.Core.NextDeadline);
        Assert.False(rig.Core.IsAttached(rig.Id("up0")));
    }

    [Fact]
    public void Messages_go_by_ifindex_to_the_attached_downstream_only()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Attach(0, "dn0", 11);
        rig.Attach(0, "up0", 12);
        rig.Report(1000, "up0", "10.12.0.9", RecordType.ChangeToExclude, G);
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("join"));
        Assert.Equal(-1, rig.Core.IdOf(99));
        Assert.Equal(rig.Id("dn0"), rig.Core.IdOf(11));

        rig.Report(1000, "dn0", Host, RecordType.ChangeToExclude, G);
        Assert.Contains($"join up0@12 {G} EX{{}}", rig.Calls);
    }

    [Fact]
    public void Our_own_query_coming_back_does_not_end_our_querier_role()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Attach(0, "dn0", 11);
        rig.Attach(0, "up0", 10);
        // Our address on up0 is lower than dn0's; a query from it is ours, looped back by the kernel.
        rig.Query(1000, "dn0", "10.10.0.1");
        Assert.True(rig.Core.DownstreamOf(rig.Id("dn0"))!.IsQuerier);
        rig.Query(1000, "dn0", "10.11.0.0");
        Assert.False(rig.Core.DownstreamOf(rig.Id("dn0"))!.IsQuerier);
    }

    [Fact]
    public void What_is_due_runs_before_the_input_that_comes_after_it()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Attach(0, "dn0", 11);
        rig.Attach(0, "up0", 12);
        rig.Report(0, "dn0", Host, RecordType.ChangeToExclude, G);

        // No timer call in between: the group's 260 s expired before this report arrived, so
        // the core leaves and then joins again, in that order, and the startup queries due so
        // far went out before both.
        int mark = rig.Calls.Count;
        rig.Report(400_000, "dn0", Host, RecordType.ChangeToExclude, G);
        string[] calls = rig.CallsSince(mark);
        int leave = System.Array.IndexOf(calls, $"leave up0@12 {G} IN{{}}");
        int join = System.Array.IndexOf(calls, $"join up0@12 {G} EX{{}}");
        Assert.True(leave >= 0 && join > leave, string.Join("\n", calls));
        Assert.True(System.Array.FindIndex(calls, c => c.StartsWith("query")) < leave, string.Join("\n", calls));
    }

    [Fact]
    public void Queries_go_to_all_systems_or_to_the_group_from_the_interface_address()
    {
        var rig = new CoreRig("protocol IGMPv2;\npinstance home: up0 ==> dn0;\n");
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11);
        Assert.Equal("query dn0@11 224.0.0.1 from 10.11.0.1 general", rig.Calls.Last());
        rig.Report(1000, "dn0", Host, RecordType.ChangeToExclude, G);
        int mark = rig.Calls.Count;
        rig.Report(2000, "dn0", Host, RecordType.ChangeToInclude, G);
        Assert.Contains($"query dn0@11 {G} from 10.11.0.1 {G}", rig.CallsSince(mark));
    }

    [Fact]
    public void Mld_queries_go_from_the_link_local_address_and_wait_for_one()
    {
        var rig = new CoreRig("protocol MLDv2;\npinstance home: up0 ==> dn0;\n");
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11, linkLocal: false);
        Assert.Equal("unsent query dn0", rig.Calls.Last());

        rig.Core.UpdateAddresses(rig.Id("dn0"), Addr.None, A("fe80::b"), 30_000);
        rig.Tick(40_000);
        Assert.Equal("query dn0@11 ff02::1 from fe80::b general", rig.Calls.Last());
        rig.Report(41_000, "dn0", "fe80::99", RecordType.ChangeToExclude, "ff15::1");
        int mark = rig.Calls.Count;
        rig.Report(42_000, "dn0", "fe80::99", RecordType.ChangeToInclude, "ff15::1");
        Assert.Contains("query dn0@11 ff15::1 from fe80::b ff15::1", rig.CallsSince(mark));
    }

    [Fact]
    public void Data_on_a_detached_or_unknown_vif_is_ignored()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Attach(0, "dn0", 11);
        rig.Data(1000, "10.99.0.2", G, "up0");
        rig.Core.OnData(1000, 31, A("10.99.0.2"), A(G));
        rig.Core.OnData(1000, -1, A("10.99.0.2"), A(G));
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("route"));
    }

    [Fact]
    public void Drops_are_counted_per_arrival_interface()
    {
        var rig = new CoreRig(OneUpstream);
        rig.Attach(0, "dn0", 11);
        Assert.Equal(rig.Id("dn0"), rig.Core.OnDropped(11, DropReason.BadChecksum));
        Assert.Equal(-1, rig.Core.OnDropped(0, DropReason.Truncated));
        Assert.Equal(1, rig.Core.DropsOf(rig.Id("dn0"))[(int)DropReason.BadChecksum]);
        Assert.Equal(1, rig.Core.Drops[(int)DropReason.Truncated]);
        Assert.Equal(2, rig.Core.Drops.Sum());
    }
}
