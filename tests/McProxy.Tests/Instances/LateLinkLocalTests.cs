using System.Linq;
using McProxy.Protocol;
using Xunit;
using static McProxy.Tests.Instances.CoreRig;

namespace McProxy.Tests.Instances;

/// <summary>
/// Issue 14 item 6: an MLD downstream attached before it has a link-local address can send no
/// query (RFC 3810 §5.1.14). That is said once, not at every query that falls due, and when the
/// address arrives the querier starts over: Startup Query Count general queries, Startup Query
/// Interval apart (RFC 3810 §7.6.2; defaults 2 and 125 s / 4).
/// </summary>
public class LateLinkLocalTests
{
    private const string Config = "protocol MLDv2;\npinstance home: up0 ==> dn0;\n";
    private const string General = "query dn0@11 ff02::1 from fe80::b general";

    [Fact]
    public void Queries_without_a_link_local_address_are_reported_once()
    {
        var rig = new CoreRig(Config);
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11, linkLocal: false);
        // Startup queries, general queries and a leave's group queries all fall due meanwhile.
        for (long t = 1000; t <= 600_000; t += 1000)
        {
            rig.Tick(t);
        }

        rig.Report(600_500, "dn0", "fe80::99", RecordType.ChangeToExclude, "ff15::1");
        rig.Report(601_000, "dn0", "fe80::99", RecordType.ChangeToInclude, "ff15::1");
        rig.Tick(610_000);
        Assert.Single(rig.Calls, c => c == "unsent query dn0");
        Assert.DoesNotContain(rig.Calls, c => c.StartsWith("query"));
    }

    [Fact]
    public void The_startup_queries_go_out_when_the_link_local_address_arrives()
    {
        var rig = new CoreRig(Config);
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11, linkLocal: false);
        rig.Tick(200_000);
        int mark = rig.Calls.Count;

        rig.Core.UpdateAddresses(rig.Id("dn0"), Addr.None, A("fe80::b"), 200_500);
        Assert.Equal(new[] { General }, rig.CallsSince(mark));
        Assert.Equal(200_500 + 31_250, rig.Core.NextDeadline);
        rig.Tick(200_500 + 31_250);
        Assert.Equal(new[] { General, General }, rig.CallsSince(mark));
        Assert.Equal(200_500 + 31_250 + 125_000, rig.Core.NextDeadline);

        // A refresh of the same address starts nothing over.
        rig.Core.UpdateAddresses(rig.Id("dn0"), Addr.None, A("fe80::b"), 240_000);
        Assert.Equal(2, rig.CallsSince(mark).Length);
    }

    [Fact]
    public void A_link_local_address_that_goes_and_comes_back_is_reported_once_again_at_most()
    {
        var rig = new CoreRig(Config);
        rig.Attach(0, "up0", 12);
        rig.Attach(0, "dn0", 11, linkLocal: false);
        rig.Core.UpdateAddresses(rig.Id("dn0"), Addr.None, A("fe80::b"), 1000);
        rig.Core.UpdateAddresses(rig.Id("dn0"), Addr.None, Addr.None, 2000);
        for (long t = 3000; t <= 400_000; t += 1000)
        {
            rig.Tick(t);
        }

        Assert.Equal(2, rig.Calls.Count(c => c == "unsent query dn0"));
    }
}
