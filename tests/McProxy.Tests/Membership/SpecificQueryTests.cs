using System.Linq;
using McProxy.Config.Model;
using McProxy.Protocol;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>RFC 3376 §6.6.3 / RFC 3810 §7.6.3: specific queries, retransmissions, S flag, Max Resp = LMQI.</summary>
public class SpecificQueryTests
{
    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Leave_sends_LMQC_group_queries_LMQI_apart_and_deletes_at_LMQT(string family)
    {
        var h = new Harness(family);
        h.V2Report(0);
        h.Leave(10_000);
        h.At(11_999);
        Assert.Equal(new long[] { 10_000, 11_000 }, h.Port.Sent.Select(s => s.Time).ToArray());
        Assert.All(h.Port.Sent, s =>
        {
            Assert.Equal(h.G, s.Query.Group);
            Assert.Equal(1_000, s.Query.MaxRespMs); // LMQI, not LMQT as mcproxy sent
            Assert.False(s.Query.SuppressRouterProcessing);
            Assert.Equal(h.Protocol, s.Query.Version);
        });
        Assert.NotNull(h.Status());
        h.At(12_000);
        Assert.Null(h.Status());
        Assert.Equal("none", h.View());
        Assert.Equal(2, h.Listener.Changes.Count); // created, deleted
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Second_leave_for_the_same_group_is_answered(string family)
    {
        var h = new Harness(family);
        h.V2Report(0, host: "h1");
        h.Leave(10_000, host: "h1");
        h.V2Report(10_500, host: "h2");
        h.At(11_000);
        Assert.Equal("G0;G1", h.Queries()); // the retransmission carries S: FT is back at GMI
        h.At(50_000);
        Assert.NotNull(h.Status());
        h.Port.Clear();

        h.Leave(100_000, host: "h2");
        h.At(101_999);
        Assert.Equal(new long[] { 100_000, 101_000 }, h.Port.Sent.Select(s => s.Time).ToArray());
        Assert.NotNull(h.Status());
        h.At(102_000);
        Assert.Null(h.Status());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Block_queries_the_source_LMQC_times_and_drops_it_at_LMQT(string family)
    {
        var h = new Harness(family);
        h.Record(0, "ALLOW", "a,b");
        h.Record(10_000, "BLOCK", "a");
        h.At(11_999);
        Assert.Equal("S0{a};S0{a}", h.Queries());
        Assert.Equal(new long[] { 10_000, 11_000 }, h.Port.Sent.Select(s => s.Time).ToArray());
        Assert.Equal("IN{a,b}", h.View());
        int changes = h.Listener.Changes.Count;
        h.At(12_000);
        Assert.Equal("IN{b}", h.View());
        Assert.Equal(changes + 1, h.Listener.Changes.Count);
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Source_renewed_during_the_round_is_queried_with_S_set(string family)
    {
        var h = new Harness(family);
        h.Record(0, "ALLOW", "a,b");
        h.Record(10_000, "BLOCK", "a", host: "h1");
        h.Record(10_500, "ALLOW", "a", host: "h2");
        h.At(11_000);
        Assert.Equal("S0{a};S1{a}", h.Queries());
        h.At(100_000);
        Assert.Equal("IN{a,b}", h.View());
        Assert.Equal(10_500 + 260_000 - 100_000, h.Status()!.Sources.Single(s => s.Source == h.Source("a")).TimerMs);
    }

    [Fact]
    public void Overlapping_source_rounds_share_retransmissions()
    {
        var h = new Harness("v4");
        h.Record(0, "ALLOW", "a,b,c");
        h.Record(10_000, "BLOCK", "a");
        h.Record(10_500, "BLOCK", "b");
        h.At(20_000);
        Assert.Equal("S0{a};S0{a,b};S0{b}", h.Queries());
        Assert.Equal(new long[] { 10_000, 10_500, 11_500 }, h.Port.Sent.Select(s => s.Time).ToArray());
        Assert.Equal("IN{c}", h.View());
    }

    [Fact]
    public void Retransmission_count_and_interval_follow_the_settings()
    {
        var settings = InterfaceSettings.Default with { LastMemberQueryCount = 3, LastMemberQueryIntervalMs = 500 };
        var h = new Harness("v4", settings);
        h.V2Report(0);
        h.Leave(1_000);
        h.At(2_499);
        Assert.Equal(new long[] { 1_000, 1_500, 2_000 }, h.Port.Sent.Select(s => s.Time).ToArray());
        Assert.All(h.Port.Sent, s => Assert.Equal(500, s.Query.MaxRespMs));
        Assert.NotNull(h.Status());
        h.At(2_500); // LMQT = 1500
        Assert.Null(h.Status());
    }

    [Theory]
    [InlineData("v4", "IGMPv2")]
    [InlineData("v6", "MLDv1")]
    public void Older_configured_version_sends_its_own_group_specific_queries(string family, string versionName)
    {
        var version = System.Enum.Parse<ProtocolVersion>(versionName);
        var h = new Harness(family, protocol: version);
        h.V2Report(0);
        h.Leave(1_000);
        h.At(3_000);
        Assert.Equal("G0;G0", h.Queries());
        Assert.All(h.Port.Sent, s => Assert.Equal(version, s.Query.Version));
        Assert.Null(h.Status());
    }

    [Fact]
    public void IGMPv1_router_ignores_leaves()
    {
        var h = new Harness("v4", protocol: ProtocolVersion.IGMPv1);
        h.V1Report(0);
        h.Leave(1_000);
        h.At(100_000);
        Assert.DoesNotContain(h.Port.Sent, s => !s.Query.IsGeneral);
        Assert.All(h.Port.Sent, s => Assert.Equal(0, s.Query.MaxRespMs)); // IGMPv1 general queries
        Assert.Equal("EX{}", h.View());
        h.At(260_000);
        Assert.Equal("none", h.View());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Non_querier_sends_nothing_and_lowers_only_on_the_querier_s_query(string family)
    {
        var h = new Harness(family);
        var general = new QueryMessage(h.Protocol, default, 10_000, false, 2, 125, 0);
        h.Query(500, "r1", general);
        Assert.False(h.Iface.IsQuerier);
        h.V2Report(1_000);
        h.Leave(2_000);
        h.At(3_000);
        Assert.Equal(string.Empty, h.Queries());
        Assert.Equal(260_000 - 2_000, h.Status()!.FilterTimerMs);

        var specific = new QueryMessage(h.Protocol, h.G, 1_000, false, 2, 125, 0);
        h.Query(4_000, "r1", specific);
        Assert.Equal(2_000, h.Status()!.FilterTimerMs); // Max Resp x QRV
        h.At(5_999);
        Assert.NotNull(h.Status());
        h.At(6_000);
        Assert.Null(h.Status());
    }

    [Fact]
    public void Query_with_S_set_does_not_lower_timers()
    {
        var h = new Harness("v4");
        h.Query(500, "r1", new QueryMessage(ProtocolVersion.IGMPv3, default, 10_000, false, 2, 125, 0));
        h.Record(1_000, "ALLOW", "a");
        h.Query(2_000, "r1", new QueryMessage(ProtocolVersion.IGMPv3, h.G, 1_000, true, 2, 125, 1), h.Source("a"));
        Assert.Equal(259_000, h.Status()!.Sources[0].TimerMs);
        h.Query(3_000, "r1", new QueryMessage(ProtocolVersion.IGMPv3, h.G, 1_000, false, 2, 125, 1), h.Source("a"));
        Assert.Equal(2_000, h.Status()!.Sources[0].TimerMs);
        h.At(5_000);
        Assert.Equal("none", h.View());
    }
}
