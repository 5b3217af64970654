using System.Linq;
using McProxy.Config.Model;
using McProxy.Protocol;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>
/// Safe fast leave (issue 14 item 1, issue 13 item 6; docs/protocol-decisions.md): forwarding
/// stops at the leave only when the leaver is provably the last listener, the last member
/// query round runs anyway, and a forged leave costs the victim at most one short gap.
/// The harness starts the querier at 0; tracking is trusted from 10 s (QRI) on.
/// </summary>
public class FastLeaveTests
{
    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Leave_of_the_only_IGMPv3_host_stops_forwarding_at_once_and_still_runs_the_round(string family)
    {
        var h = new Harness(family, Harness.With(fastLeave: true));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Listener.Changes.Clear();
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("none", h.View());
        Assert.Single(h.Listener.Changes);
        Assert.Equal(1, h.Iface.Counters.FastLeaves);
        h.At(21_999);
        Assert.Equal("G0;G0", h.Queries()); // LMQC queries, so an unknown listener still answers
        Assert.NotNull(h.Status());
        h.At(22_000);
        Assert.Null(h.Status());
        Assert.Single(h.Listener.Changes); // hidden, then deleted: no flicker
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void An_IGMPv2_leave_message_in_IGMPv3_mode_is_fast_too(string family)
    {
        var h = new Harness(family, Harness.With(fastLeave: true));
        h.Record(10_000, "IS_EX", string.Empty, host: "h1");
        h.Leave(20_000, host: "h1");
        Assert.Equal("none", h.View());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void A_listener_that_answers_the_round_brings_the_group_back(string family)
    {
        var h = new Harness(family, Harness.With(fastLeave: true));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("none", h.View());
        h.Record(20_400, "IS_EX", string.Empty, host: "h2"); // a listener we did not know of
        Assert.Equal("EX{}", h.View());
        h.At(100_000);
        Assert.Equal("EX{}", h.View());
        Assert.Equal(0, h.Iface.Counters.ForgedLeaves);
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Report_suppression_keeps_the_silent_second_viewer_of_an_IGMPv2_group(string family)
    {
        // Wi-Fi: two IGMPv2/MLDv1 set-top boxes watch G; h2 heard h1's report and suppressed
        // its own (RFC 2236 §3, RFC 2710 §4), so only h1 is known. h1 leaves: the group must
        // not end before h2 had the chance to answer the group-specific query.
        var h = new Harness(family, Harness.With(fastLeave: true));
        h.V2Report(10_000, host: "h1");
        h.Listener.Changes.Clear();
        h.Leave(20_000, host: "h1");
        Assert.Equal("EX{}", h.View());
        h.V2Report(20_700, host: "h2");
        h.At(30_000);
        Assert.Equal("EX{}", h.View());
        Assert.Empty(h.Listener.Changes);
        Assert.Equal(0, h.Iface.Counters.FastLeaves);
        Assert.Equal("G0;G1", h.Queries());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Without_an_answer_an_IGMPv2_group_ends_after_the_normal_round(string family)
    {
        var h = new Harness(family, Harness.With(fastLeave: true));
        h.V2Report(10_000, host: "h1");
        h.Leave(20_000, host: "h1");
        h.At(21_999);
        Assert.Equal("EX{}", h.View());
        h.At(22_000);
        Assert.Equal("none", h.View());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void A_forged_leave_costs_one_short_gap_then_fast_leave_is_suspended(string family)
    {
        var h = new Harness(family, Harness.With(fastLeave: true));
        var diag = new RecordingDiagnostics();
        h.Iface.Diagnostics = diag;
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Listener.Changes.Clear();

        // Another host sends h1's leave; h1 answers the group query within Max Resp (LMQI).
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("none", h.View());
        h.Record(20_300, "IS_EX", string.Empty, host: "h1");
        Assert.Equal("EX{}", h.View());
        Assert.Equal(2, h.Listener.Changes.Count); // one gap of 300 ms
        Assert.Equal(1, h.Iface.Counters.ForgedLeaves);
        Assert.Equal((h.G, h.Host("h1"), 260_000L), diag.ForgedLeaves.Single());
        Assert.Equal(20_300 + 260_000, h.Iface.FastLeaveSuspendedUntil);

        // Every 2 s another forged leave: no more gaps, and each answer renews the suspension.
        for (long t = 22_000; t < 600_000; t += 2_000)
        {
            h.Record(t, "TO_IN", string.Empty, host: "h1");
            Assert.Equal("EX{}", h.View());
            h.Record(t + 500, "IS_EX", string.Empty, host: "h1");
        }

        Assert.Equal(2, h.Listener.Changes.Count);
        Assert.Equal(1, h.Iface.Counters.FastLeaves);
        Assert.True(h.Iface.Counters.ForgedLeaves > 250);
    }

    [Fact]
    public void A_real_leave_after_the_suspension_is_fast_again()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        h.Record(20_300, "IS_EX", string.Empty, host: "h1");
        h.Record(200_000, "TO_IN", string.Empty, host: "h1"); // suspended: normal round
        Assert.Equal("EX{}", h.View());
        h.Record(250_000, "TO_EX", string.Empty, host: "h1");
        h.Record(280_300, "TO_IN", string.Empty, host: "h1"); // 260 s after the answer
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void A_rejoin_with_a_state_change_record_is_not_taken_for_a_forged_leave()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        h.Record(20_500, "TO_EX", string.Empty, host: "h1"); // the user zapped back
        Assert.Equal("EX{}", h.View());
        Assert.Equal(0, h.Iface.Counters.ForgedLeaves);
        h.Record(25_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void An_answer_after_the_round_is_no_evidence()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        h.Record(23_000, "IS_EX", string.Empty, host: "h1"); // a general query's answer, later
        Assert.Equal(0, h.Iface.Counters.ForgedLeaves);
    }

    [Fact]
    public void No_fast_leave_before_hosts_could_answer_the_first_query()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.Record(1_000, "TO_EX", string.Empty, host: "h1");
        h.Record(5_000, "TO_IN", string.Empty, host: "h1"); // h2 may still be about to answer
        Assert.Equal("EX{}", h.View());
        h.At(7_000);
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void No_fast_leave_as_non_querier_or_with_older_queries()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.Query(500, "r1", new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 2, 125, 0));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("EX{}", h.View());

        h = new Harness("v4", Harness.With(fastLeave: true) with { QueryVersion = ProtocolVersion.IGMPv2 });
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("EX{}", h.View());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Leave_with_another_host_present_only_queries(string family)
    {
        var h = new Harness(family, Harness.With(fastLeave: true));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(10_000, "TO_EX", string.Empty, host: "h2");
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("EX{}", h.View());
        h.Record(20_500, "IS_EX", string.Empty, host: "h2");
        h.At(23_000);
        Assert.Equal("G0;G1", h.Queries());
        Assert.Equal("EX{}", h.View());
        Assert.Equal(0, h.Iface.Counters.FastLeaves);

        h.Record(25_000, "TO_IN", string.Empty, host: "h2");
        Assert.Equal("none", h.View());
        Assert.Equal(1, h.Iface.Counters.FastLeaves);
    }

    [Fact]
    public void IGMPv3_hosts_are_tracked_from_records()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(10_000, "ALLOW", "a", host: "h2");
        h.Record(11_000, "TO_IN", string.Empty, host: "h1");
        Assert.NotEqual("none", h.View());
        Assert.Equal(new[] { h.Host("h2") }, h.Status()!.Hosts);
        h.Record(11_500, "TO_IN", string.Empty, host: "h2");
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void Silent_host_expires_after_GMI_so_the_remaining_one_is_last()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.Record(10_000, "IS_EX", string.Empty, host: "h1");
        h.Record(10_000, "IS_EX", string.Empty, host: "h2");
        h.Record(200_000, "IS_EX", string.Empty, host: "h1");
        h.Record(270_500, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void Host_limit_or_an_unspecified_reporter_makes_tracking_incomplete()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true, maxHosts: 1));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(10_000, "TO_EX", string.Empty, host: "h2");
        Assert.Equal(1, h.Iface.Counters.HostLimitRefusals);
        Assert.True(h.Status()!.HostsIncomplete);
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("EX{}", h.View());
        Assert.Equal("G0", h.Queries());

        h = new Harness("v4", Harness.With(fastLeave: true));
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.At(10_000);
        h.Iface.OnRecord(10_000, Addr.AnyV4, RecordType.ChangeToExclude, h.G, default);
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("EX{}", h.View());
    }

    [Fact]
    public void Without_fast_leave_the_only_host_still_gets_the_normal_queries()
    {
        var h = new Harness("v4");
        h.Record(10_000, "TO_EX", string.Empty, host: "h1");
        h.Record(20_000, "TO_IN", string.Empty, host: "h1");
        Assert.Equal("EX{}", h.View());
        h.At(22_000);
        Assert.Equal("none", h.View());
        Assert.Equal("G0;G0", h.Queries());
    }
}
