using System.Linq;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Tests.Membership;
using Xunit;

namespace McProxy.Tests.Downstream;

/// <summary>Startup and periodic general queries, query version, election (RFC 3376 §6.6.2, §8; RFC 2236 §3).</summary>
public class QuerierTests
{
    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Startup_queries_then_every_query_interval_to_the_ms(string family)
    {
        var h = new Harness(family, start: false);
        h.Iface.Start(0);
        h.At(1_000_000);
        Assert.Equal(new long[] { 0, 31_250, 156_250, 281_250, 406_250, 531_250, 656_250, 781_250, 906_250 },
            h.Port.Sent.Select(s => s.Time).ToArray());
        Assert.All(h.Port.Sent, s =>
        {
            Assert.True(s.Query.IsGeneral);
            Assert.Equal(10_000, s.Query.MaxRespMs);
            Assert.Equal(2, s.Query.Robustness);
            Assert.Equal(125, s.Query.QueryIntervalSeconds);
            Assert.False(s.Query.SuppressRouterProcessing);
            Assert.Empty(s.Sources);
        });
    }

    [Fact]
    public void Startup_count_and_intervals_come_from_the_settings()
    {
        var settings = InterfaceSettings.Default with { StartupQueryCount = 3, StartupQueryIntervalMs = 5_000, QueryIntervalMs = 60_000 };
        var h = new Harness("v4", settings, start: false);
        h.At(1_000);
        h.Iface.Start(1_000);
        h.At(200_000);
        Assert.Equal(new long[] { 1_000, 6_000, 11_000, 71_000, 131_000, 191_000 }, h.Port.Sent.Select(s => s.Time).ToArray());
        Assert.Equal(60, h.Port.Sent[0].Query.QueryIntervalSeconds);
    }

    [Theory]
    [InlineData("IGMPv3", "", "IGMPv3", 10_000)]
    [InlineData("IGMPv2", "", "IGMPv2", 10_000)]
    [InlineData("IGMPv1", "", "IGMPv1", 0)]
    [InlineData("MLDv2", "", "MLDv2", 10_000)]
    [InlineData("MLDv1", "", "MLDv1", 10_000)]
    [InlineData("IGMPv3", "IGMPv2", "IGMPv2", 10_000)]
    [InlineData("MLDv2", "MLDv1", "MLDv1", 10_000)]
    [InlineData("IGMPv2", "IGMPv3", "IGMPv3", 10_000)]
    public void Query_version_follows_the_configuration(string protocol, string overrideVersion, string expected, int maxResp)
    {
        var version = System.Enum.Parse<ProtocolVersion>(protocol);
        var settings = InterfaceSettings.Default with
        {
            QueryVersion = overrideVersion.Length == 0 ? null : System.Enum.Parse<ProtocolVersion>(overrideVersion),
        };
        var h = new Harness(version.Family() == IpFamily.V6 ? "v6" : "v4", settings, version, start: false);
        h.Iface.Start(0);
        var q = h.Port.Sent.Single().Query;
        Assert.Equal(expected, q.Version.ToString());
        Assert.Equal(maxResp, q.MaxRespMs);
        Assert.True(q.IsGeneral);
        Assert.Equal(version.Family(), q.Group.Family);
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Lower_address_wins_and_we_take_over_when_its_timer_expires(string family)
    {
        var h = new Harness(family, start: false);
        h.Iface.Start(0);
        h.Port.Clear();
        h.Query(1_000, "r1", General(h));
        Assert.False(h.Iface.IsQuerier);
        var status = h.Iface.GetQuerierStatus(1_000);
        Assert.Equal(h.Host("r1"), status.OtherQuerier);
        Assert.Equal(255_000, status.OtherQuerierTimerMs);
        Assert.Equal(0, status.NextGeneralQueryMs);

        h.At(255_999);
        Assert.Empty(h.Port.Sent);
        h.At(256_000);
        Assert.True(h.Iface.IsQuerier);
        Assert.Equal(new long[] { 256_000 }, h.Port.Sent.Select(s => s.Time).ToArray());
        h.At(381_000);
        Assert.Equal(new long[] { 256_000, 381_000 }, h.Port.Sent.Select(s => s.Time).ToArray());
    }

    [Theory]
    [InlineData("r9")]
    [InlineData("r5")]
    public void Queries_from_higher_or_own_address_do_not_silence_us(string from)
    {
        var h = new Harness("v4", start: false);
        h.Iface.Start(0);
        h.Query(1_000, from, General(h));
        Assert.True(h.Iface.IsQuerier);
        h.At(31_250);
        Assert.Equal(2, h.Port.Sent.Count);
    }

    [Fact]
    public void Query_from_unspecified_address_takes_no_part_in_the_election()
    {
        var h = new Harness("v4", start: false);
        h.Iface.Start(0);
        h.At(1_000);
        h.Iface.OnQuery(1_000, Addr.AnyV4, General(h), default);
        Assert.True(h.Iface.IsQuerier);
    }

    [Fact]
    public void Present_querier_keeps_us_silent_for_hours_and_reports_still_count()
    {
        var h = new Harness("v4", start: false);
        h.Iface.Start(0);
        h.Port.Clear();
        for (long t = 1_000; t < 4 * 3_600_000; t += 125_000)
        {
            h.Query(t, "r1", General(h));
            h.V2Report(t + 2_000);
        }

        Assert.Empty(h.Port.Sent);
        Assert.False(h.Iface.IsQuerier);
        Assert.Equal("EX{}", h.View());
        Assert.Equal(1, h.Iface.Counters.QueriesSent); // the startup query only
    }

    [Fact]
    public void Non_querier_adopts_robustness_and_query_interval_of_the_querier()
    {
        var h = new Harness("v4", start: false);
        h.Iface.Start(0);
        h.Query(1_000, "r1", new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 3, 200, 0));
        Assert.Equal(605_000, h.Iface.GetQuerierStatus(1_000).OtherQuerierTimerMs); // 3 x 200 s + 5 s
        h.Record(2_000, "ALLOW", "a");
        Assert.Equal(610_000, h.Status()!.Sources[0].TimerMs); // GMI 3 x 200 s + 10 s
        h.At(606_000);
        Assert.True(h.Iface.IsQuerier);
        h.Record(607_000, "ALLOW", "b");
        Assert.Equal(260_000, h.Status()!.Sources[1].TimerMs);
    }

    [Fact]
    public void Lower_querier_takes_over_from_a_lower_non_querier_state()
    {
        var h = new Harness("v4", start: false);
        h.Iface.Start(0);
        h.Query(1_000, "r3", General(h));
        h.Query(3_000, "r1", General(h));
        Assert.Equal(h.Host("r1"), h.Iface.GetQuerierStatus(3_000).OtherQuerier);
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Any_query_from_a_lower_address_restarts_the_other_querier_timer(string family)
    {
        // RFC 3376 §6.6.2: r4 is above the querier heard first (r3) but below us (r5); its
        // queries still prove a querier is present, so we must stay silent while they come.
        var h = new Harness(family, start: false);
        h.Iface.Start(0);
        h.Port.Clear();
        h.Query(1_000, "r3", General(h));
        for (long t = 126_000; t < 1_000_000; t += 125_000)
        {
            h.Query(t, "r4", General(h));
        }

        var status = h.Iface.GetQuerierStatus(h.Now);
        Assert.False(h.Iface.IsQuerier);
        Assert.Equal(h.Host("r4"), status.OtherQuerier);
        Assert.Equal(255_000, status.OtherQuerierTimerMs);
        Assert.Empty(h.Port.Sent);
    }

    [Theory]
    [InlineData("v4", "IGMPv3", "IGMPv2")]
    [InlineData("v4", "IGMPv3", "IGMPv1")]
    [InlineData("v4", "IGMPv2", "IGMPv1")]
    [InlineData("v6", "MLDv2", "MLDv1")]
    public void Older_version_querier_is_counted_and_reported_rate_limited(string family, string ours, string heard)
    {
        var h = new Harness(family, protocol: System.Enum.Parse<ProtocolVersion>(ours), start: false);
        var diag = new RecordingDiagnostics();
        h.Iface.Diagnostics = diag;
        h.Iface.Start(0);
        var old = System.Enum.Parse<ProtocolVersion>(heard);
        var query = new QueryMessage(old, h.V6 ? default : Addr.AnyV4, old == ProtocolVersion.IGMPv1 ? 10_000 : 10_000, false, 0, 0, 0);
        for (long t = 1_000; t <= 1_201_000; t += 100_000)
        {
            h.Query(t, "r9", query); // r9 is above us: it does not win, but it is still misconfigured
        }

        Assert.Equal(13, h.Iface.Counters.OlderQueries);
        Assert.Equal(3, diag.OlderQueriers.Count); // at 1 s, 601 s and 1201 s
        Assert.Equal((h.Host("r9"), old, h.Protocol, 0L), diag.OlderQueriers[0]);
        Assert.Equal(5L, diag.OlderQueriers[1].Suppressed);
        Assert.Equal(5L, diag.OlderQueriers[2].Suppressed);
    }

    [Theory]
    [InlineData("IGMPv3", "IGMPv3")]
    [InlineData("IGMPv2", "IGMPv3")]
    [InlineData("IGMPv2", "IGMPv2")]
    public void Same_or_newer_querier_is_no_misconfiguration(string ours, string heard)
    {
        var h = new Harness("v4", protocol: System.Enum.Parse<ProtocolVersion>(ours));
        var diag = new RecordingDiagnostics();
        h.Iface.Diagnostics = diag;
        h.Query(1_000, "r1", new QueryMessage(System.Enum.Parse<ProtocolVersion>(heard), Addr.AnyV4, 10_000, false, 2, 125, 0));
        Assert.Equal(0, h.Iface.Counters.OlderQueries);
        Assert.Empty(diag.OlderQueriers);
    }

    private static QueryMessage General(Harness h) =>
        new(h.Protocol, h.V6 ? default : Addr.AnyV4, 10_000, false, 2, 125, 0);
}
