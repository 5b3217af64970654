using System.Linq;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Tests.Membership;
using Xunit;

namespace McProxy.Tests.Downstream;

/// <summary>
/// Issue 13 item 1: a forged query must not silence the querier, stretch or shrink the timers
/// beyond what the configuration allows, while a real querier on the link keeps the RFC
/// behaviour (election, adopted QRV/QQI, lowering on its specific queries).
/// Our address is 192.168.1.205/24 (r5); r1 is 192.168.1.201.
/// </summary>
public class RogueQuerierTests
{
    [Theory]
    [InlineData("192.168.1.0", 24, "192.168.1.1", true)]
    [InlineData("192.168.1.7", 24, "192.168.1.0", false)]    // network address
    [InlineData("192.168.1.7", 24, "192.168.1.255", false)]  // broadcast address
    [InlineData("192.168.1.7", 24, "192.168.2.1", false)]
    [InlineData("10.0.0.1", 8, "10.255.0.3", true)]
    [InlineData("10.0.0.0", 31, "10.0.0.1", true)]           // RFC 3021: both addresses of a /31
    [InlineData("10.0.0.0", 31, "10.0.0.0", true)]
    [InlineData("10.0.0.1", 32, "10.0.0.2", false)]
    [InlineData("10.0.0.1", 30, "10.0.0.3", false)]
    [InlineData("10.0.0.1", 30, "10.0.0.2", true)]
    public void Subnet_hosts(string address, int prefix, string candidate, bool host) =>
        Assert.Equal(host, new Subnet(Addr.Parse(address), prefix).HasHost(Addr.Parse(candidate)));

    [Theory]
    [InlineData("0.0.0.1", true)]
    [InlineData("0.255.255.255", true)]
    [InlineData("10.9.9.9", true)]
    [InlineData("192.168.1.0", true)]
    [InlineData("192.168.1.201", false)]
    public void Forged_query_with_QRV_7_and_QQIC_255_changes_nothing(string from, bool forged)
    {
        var h = Rig();
        var diag = new RecordingDiagnostics();
        h.Iface.Diagnostics = diag;
        var query = new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 7, 31_744, 0);
        h.At(1_000);
        h.Iface.OnQuery(1_000, Addr.Parse(from), query, default);
        Assert.Equal(forged, h.Iface.IsQuerier);
        Assert.Equal(forged ? 1 : 0, h.Iface.Counters.ForeignQueries);
        Assert.Equal(forged ? new[] { Addr.Parse(from) } : System.Array.Empty<Addr>(), diag.ForeignQueriers.ToArray());
        var status = h.Iface.GetQuerierStatus(1_000);
        Assert.Equal(forged ? 2 : 4, status.Robustness);                   // clamped to 2 x 2
        Assert.Equal(forged ? 125_000 : 250_000, status.QueryIntervalMs);  // clamped to 2 x 125 s
    }

    [Fact]
    public void After_forged_queries_the_proxy_keeps_querying_and_a_leave_ends_in_LMQT()
    {
        var h = Rig();
        var rogue = new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 7, 31_744, 0);
        h.At(1_000);
        foreach (string from in new[] { "0.0.0.1", "10.9.9.9", "192.168.1.255" })
        {
            h.Iface.OnQuery(1_000, Addr.Parse(from), rogue, default);
        }

        h.Record(2_000, "TO_EX", string.Empty);
        h.At(300_000);
        Assert.True(h.Iface.IsQuerier);
        Assert.Equal(new long[] { 31_250, 156_250, 281_250 }, h.Port.Sent.Where(s => s.Query.IsGeneral).Select(s => s.Time).ToArray());
        h.Record(300_000, "IS_EX", string.Empty);
        h.Record(301_000, "TO_IN", string.Empty);
        h.At(302_999);
        Assert.Equal("EX{}", h.View());
        h.At(303_000);
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void Adopted_values_are_clamped_between_the_configured_ones_and_twice_them()
    {
        var h = Rig();
        h.Query(1_000, "r1", new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 7, 31_744, 0));
        var status = h.Iface.GetQuerierStatus(1_000);
        Assert.Equal(4 * 250_000 + 5_000, status.OtherQuerierTimerMs);
        h.Record(2_000, "ALLOW", "a");
        Assert.Equal(4 * 250_000 + 10_000, h.Status()!.Sources[0].TimerMs);

        h.Query(3_000, "r1", new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 1, 10, 0));
        status = h.Iface.GetQuerierStatus(3_000);
        Assert.Equal((2, 125_000L), (status.Robustness, status.QueryIntervalMs));
        Assert.Equal(255_000, status.OtherQuerierTimerMs); // never shorter than configured
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void A_specific_query_never_lowers_below_the_configured_LMQT(string family)
    {
        var h = new Harness(family);
        h.Query(500, "r1", new QueryMessage(h.Protocol, h.V6 ? default : Addr.AnyV4, 10_000, false, 2, 125, 0));
        h.Record(1_000, "TO_EX", string.Empty);
        h.Record(1_000, "ALLOW", "a");
        h.Query(2_000, "r1", new QueryMessage(h.Protocol, h.G, 100, false, 1, 125, 0));
        Assert.Equal(2_000, h.Status()!.FilterTimerMs); // not 100 ms: LMQI 1 s x LMQC 2
        h.Query(2_000, "r1", new QueryMessage(h.Protocol, h.G, 100, false, 1, 125, 1), h.Source("a"));
        Assert.Equal(2_000, h.Status()!.Sources[0].TimerMs);
        h.Record(2_050, "IS_EX", string.Empty); // the listener answers in time
        h.At(10_000);
        Assert.Equal("EX{}", h.View());
    }

    [Fact]
    public void Without_known_subnets_only_0_8_is_refused()
    {
        var h = new Harness("v4");
        h.Iface.OnQuery(1_000, Addr.Parse("0.0.0.1"), new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 2, 125, 0), default);
        Assert.True(h.Iface.IsQuerier);
        h.Iface.OnQuery(1_000, Addr.Parse("10.9.9.9"), new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 2, 125, 0), default);
        Assert.False(h.Iface.IsQuerier);
    }

    [Fact]
    public void Snooping_switch_queries_from_0_0_0_0_are_not_counted_as_forged()
    {
        var h = Rig();
        h.Iface.OnQuery(1_000, Addr.AnyV4, new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 2, 125, 0), default);
        Assert.True(h.Iface.IsQuerier);
        Assert.Equal(0, h.Iface.Counters.ForeignQueries);
    }

    private static Harness Rig()
    {
        var h = new Harness("v4");
        h.Iface.SetSubnets(new[] { new Subnet(h.Host("r5"), 24) });
        return h;
    }
}
