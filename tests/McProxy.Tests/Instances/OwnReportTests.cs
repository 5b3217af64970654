using System.Linq;
using McProxy.Protocol;
using Xunit;
using static McProxy.Tests.Instances.CoreRig;

namespace McProxy.Tests.Instances;

/// <summary>
/// Issue 14 item 4: the kernel loops the reports of our own host stack back wherever we joined
/// the report groups (224.0.0.22, ff02::16). On a peering interface they are our own upstream
/// joins and must never count as a listener there; on a plain downstream they are the router's
/// own applications, which count only with local_listeners = true (off by default).
/// </summary>
public class OwnReportTests
{
    private const string G = "239.1.1.1";

    private const string Peering = """
        protocol = "IGMPv3"
        [[instance]]
        name = "p"
        upstreams = ["ap", "a1"]
        downstreams = ["ap", "a2"]
        [interface.ap]
        local_listeners = true
        """;

    private static string Plain(bool localListeners, string protocol = "IGMPv3") => $"""
        protocol = "{protocol}"
        [[instance]]
        name = "p"
        upstreams = ["up0"]
        downstreams = ["dn0"]
        [interface.dn0]
        local_listeners = {(localListeners ? "true" : "false")}
        """;

    [Fact]
    public void Our_upstream_join_looped_back_on_a_peering_interface_is_no_listener()
    {
        var rig = new CoreRig(Peering, "p.toml");
        rig.Attach(0, "ap", 11);
        rig.Attach(0, "a1", 12);
        rig.Attach(0, "a2", 13);
        rig.Report(1000, "a2", "10.13.0.9", RecordType.ChangeToExclude, G);
        Assert.Contains($"join ap@11 {G} EX{{}}", rig.Calls);

        // The kernel sends that join out of ap and loops it back to our raw socket.
        int mark = rig.Calls.Count;
        rig.Report(1001, "ap", rig.OwnAddress(11).ToString(), RecordType.ChangeToExclude, G);
        Assert.DoesNotContain(rig.CallsSince(mark), c => c.StartsWith("join"));
        Assert.Equal(1, rig.Core.DownstreamOf(rig.Id("ap"))!.Counters.OwnReports);
        Assert.Equal(0, rig.Core.DownstreamOf(rig.Id("ap"))!.GroupCount);

        // The listener leaves: nothing of ours keeps the group anywhere upstream.
        rig.Report(2000, "a2", "10.13.0.9", RecordType.ChangeToInclude, G);
        rig.Tick(5000);
        Assert.Contains($"leave ap@11 {G} IN{{}}", rig.CallsSince(mark));
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("join a1"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_routers_own_listeners_on_a_downstream_count_only_when_configured(bool localListeners)
    {
        var rig = new CoreRig(Plain(localListeners), "p.toml");
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11);
        rig.Report(1000, "dn0", rig.OwnAddress(11).ToString(), RecordType.ChangeToExclude, G);
        Assert.Equal(localListeners, rig.Calls.Contains($"join up0@12 {G} EX{{}}"));
        Assert.Equal(localListeners ? 0 : 1, rig.Core.DownstreamOf(rig.Id("dn0"))!.Counters.OwnReports);

        // A host's report is a listener's either way.
        rig.Report(2000, "dn0", "10.11.0.9", RecordType.ChangeToExclude, "239.2.2.2");
        Assert.Contains("join up0@12 239.2.2.2 EX{}", rig.Calls);
    }

    [Fact]
    public void Local_listeners_are_off_by_default()
    {
        var rig = new CoreRig("protocol IGMPv2;\npinstance p: up0 ==> dn0;\n");
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11);
        rig.Report(1000, "dn0", rig.OwnAddress(11).ToString(), RecordType.ChangeToExclude, G);
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("join"));
    }

    [Theory]
    [InlineData("IGMPv2", "239.1.1.1", "10.11.0.9")]
    [InlineData("MLDv1", "ff15::1", "fe80::99")]
    public void Our_old_version_report_keeps_a_silent_viewers_group_but_creates_none(string protocol, string group, string host)
    {
        var rig = new CoreRig(Plain(false, protocol), "p.toml");
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11);
        string own = rig.OwnAddress(11).ToString();

        // An application on the router joined a group no host holds: nothing.
        rig.OldReport(1000, "dn0", own, group.Contains(':') ? "ff15::9" : "239.9.9.9");
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("join"));

        // A viewer joins; afterwards our host stack's report always comes first and the viewer,
        // hearing it, stays silent (RFC 2236 §3): the group must outlive the membership interval.
        rig.OldReport(2000, "dn0", host, group);
        Assert.Contains($"join up0@12 {group} EX{{}}", rig.Calls);
        for (long t = 100_000; t <= 1_000_000; t += 125_000)
        {
            rig.OldReport(t, "dn0", own, group);
        }

        rig.Tick(1_000_000);
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith($"leave up0@12 {group}"));
        Assert.Equal(9, rig.Core.DownstreamOf(rig.Id("dn0"))!.Counters.OwnReports);
    }

    [Fact]
    public void A_report_from_a_secondary_address_of_the_link_is_ours_too()
    {
        var rig = new CoreRig(Plain(false), "p.toml");
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11);
        int dn0 = rig.Id("dn0");
        rig.Core.UpdateSubnets(dn0, new[] { new Subnet(rig.OwnAddress(11), 24), new Subnet(A("192.168.7.1"), 24) });
        rig.Report(1000, "dn0", "192.168.7.1", RecordType.ChangeToExclude, G);
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("join"));
        Assert.Equal(1, rig.Core.DownstreamOf(dn0)!.Counters.OwnReports);

        // The address of another link is a host's here (only the link the report came from counts).
        rig.Report(2000, "dn0", rig.OwnAddress(12).ToString(), RecordType.ChangeToExclude, G);
        Assert.Contains($"join up0@12 {G} EX{{}}", rig.Calls);
    }

    [Fact]
    public void An_mld_report_from_our_link_local_address_is_ours()
    {
        var rig = new CoreRig(Plain(false, "MLDv2"), "p.toml");
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11);
        rig.Report(1000, "dn0", rig.OwnAddress(11).ToString(), RecordType.ChangeToExclude, "ff15::1");
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("join"));
        rig.Report(1000, "dn0", "fe80::99", RecordType.ChangeToExclude, "ff15::1");
        Assert.Single(rig.Calls, c => c.StartsWith("join up0@12 ff15::1"));
    }
}
