using McProxy.Config.Model;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>RFC 3376 §7.3.2 / RFC 3810 §8.3.2: older-version hosts, exact entry and exit, no drift.</summary>
public class CompatibilityTests
{
    [Theory]
    [InlineData("v4", "IGMPv2")]
    [InlineData("v6", "MLDv1")]
    public void Older_host_makes_the_group_EXCLUDE_empty_and_ignores_BLOCK_and_TO_EX_sources(string family, string compat)
    {
        var h = new Harness(family);
        h.Record(0, "IS_IN", "a");
        Assert.Equal("IN{a}", h.View());
        h.V2Report(1_000, host: "h2");
        Assert.Equal("EX{}", h.View());
        Assert.Equal(compat, h.Status()!.CompatVersion.ToString());
        Assert.Equal(260_000, h.Status()!.OlderHostTimerMs);
        Assert.True(h.Iface.WantsSource(h.G, h.Source("z")));

        h.Record(2_000, "BLOCK", "a");
        Assert.Equal(string.Empty, h.Queries());
        h.Record(3_000, "TO_EX", "c", host: "h3");

        // IS_EX({}) from the old host deleted A-B = {a}; TO_EX(c) counted as TO_EX({}).
        Assert.Equal("EX{|} FT=260000", h.Describe(new System.Collections.Generic.Dictionary<long, string>()));
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Compatibility_ends_exactly_one_older_host_interval_after_the_last_old_report(string family)
    {
        var h = new Harness(family);
        h.V2Report(0, host: "h2");
        h.Record(100_000, "IS_IN", "a");
        h.Record(200_000, "IS_IN", "a");
        h.At(259_999);
        Assert.Equal("EX{}", h.View());
        int changes = h.Listener.Changes.Count;
        h.At(260_000);
        Assert.Equal("IN{a}", h.View());
        Assert.Equal(family == "v4" ? "IGMPv3" : "MLDv2", h.Status()!.CompatVersion.ToString());
        Assert.Equal(0, h.Status()!.OlderHostTimerMs);
        Assert.Equal(changes + 1, h.Listener.Changes.Count);
        h.Record(300_000, "IS_IN", "a");
        h.At(300_000 + 259_999);
        Assert.Equal("IN{a}", h.View());
        h.At(300_000 + 260_000);
        Assert.Equal("none", h.View());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void When_the_older_host_leaves_the_remaining_listeners_sources_count_at_once(string family)
    {
        // A mixed household: an IGMPv2/MLDv1 set-top box and an IGMPv3/MLDv2 one asking for
        // source a only. While the old host watches, the group is EXCLUDE{} (its IS_EX({})).
        var h = new Harness(family);
        h.V2Report(0, host: "h1");
        h.Record(500, "ALLOW", "a", host: "h2");
        Assert.Equal("EX{}", h.View());
        h.Leave(10_000, host: "h1");
        h.Record(10_500, "IS_IN", "a", host: "h2"); // h2 answers the group-specific query
        h.At(12_000);                               // LMQT after the leave: the filter timer ends

        // Compatibility mode still runs (the older host present timer has 248 s left), but it
        // only translates messages: the view is the router state, INCLUDE{a}.
        Assert.Equal(family == "v4" ? "IGMPv2" : "MLDv1", h.Status()!.CompatVersion.ToString());
        Assert.Equal("IN{a}", h.View());
        Assert.True(h.Iface.WantsSource(h.G, h.Source("a")));
        Assert.False(h.Iface.WantsSource(h.G, h.Source("z")));
    }

    [Fact]
    public void IGMPv1_host_present_ignores_leaves_and_TO_IN_until_its_timer_expires()
    {
        var h = new Harness("v4");
        h.V1Report(0, host: "h1");
        h.V2Report(100_000, host: "h2");
        Assert.Equal("IGMPv1", h.Status()!.CompatVersion.ToString());
        h.Leave(150_000, host: "h2");
        h.Record(150_000, "TO_IN", string.Empty, host: "h3");
        Assert.Equal(string.Empty, h.Queries().Replace("GQ", string.Empty).Trim(';'));
        Assert.Equal(210_000, h.Status()!.FilterTimerMs);

        h.At(259_999);
        Assert.Equal("IGMPv1", h.Status()!.CompatVersion.ToString());
        h.At(260_000);
        Assert.Equal("IGMPv2", h.Status()!.CompatVersion.ToString()); // v2 host timer still runs
        h.Port.Clear();
        h.Leave(261_000, host: "h2");
        h.At(263_000);
        Assert.Equal("G0;G0", h.Queries());
        Assert.Null(h.Status());
    }

    [Theory]
    [InlineData("v4", "IGMPv2")]
    [InlineData("v6", "MLDv1")]
    public void Router_configured_for_the_older_version_never_drifts_to_the_newer_one(string family, string version)
    {
        var h = new Harness(family, protocol: System.Enum.Parse<ProtocolVersion>(version));
        long last = 0;
        for (long t = 0; t <= 3 * 3_600_000; t += 125_000)
        {
            h.V2Report(t);
            last = t;
            Assert.Equal(version, h.Status()!.CompatVersion.ToString());
            Assert.Equal("EX{}", h.View());
        }

        h.Record(last + 1_000, "TO_EX", "a", host: "h2"); // a v3/MLDv2 report: source list ignored
        Assert.Equal(version, h.Status()!.CompatVersion.ToString());
        Assert.Empty(h.Status()!.Sources);
        h.At(last + 1_000 + 260_000 - 1);
        Assert.Equal("EX{}", h.View());
        h.At(last + 1_000 + 260_000);
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void Older_host_interval_follows_the_settings()
    {
        var settings = InterfaceSettings.Default with { Robustness = 3, QueryIntervalMs = 60_000, QueryResponseIntervalMs = 5_000 };
        var h = new Harness("v4", settings);
        h.V2Report(0);
        Assert.Equal(185_000, h.Status()!.OlderHostTimerMs);
        Assert.Equal(185_000, h.Status()!.FilterTimerMs);
        h.At(184_999);
        Assert.NotNull(h.Status());
        h.At(185_000);
        Assert.Null(h.Status());
    }
}
