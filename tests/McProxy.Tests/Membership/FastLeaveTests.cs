using System.Linq;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>Explicit host tracking: fast leave only for the provably last listener (igmpproxy #39, #87).</summary>
public class FastLeaveTests
{
    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Leave_of_the_only_host_removes_the_group_at_once(string family)
    {
        var h = new Harness(family, Harness.With(fastLeave: true));
        h.V2Report(0, host: "h1");
        h.Leave(1_000, host: "h1");
        Assert.Equal("none", h.View());
        Assert.Equal((7, h.G), h.Listener.Changes.Last());
        Assert.Equal("G0", h.Queries()); // one query so that an unknown listener re-reports
        Assert.Equal(1, h.Iface.Counters.FastLeaves);
        h.At(10_000);
        Assert.Equal("G0", h.Queries().Replace(";GQ", string.Empty));
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Leave_with_another_host_present_only_queries(string family)
    {
        var h = new Harness(family, Harness.With(fastLeave: true));
        h.V2Report(0, host: "h1");
        h.V2Report(0, host: "h2");
        h.Leave(1_000, host: "h1");
        Assert.Equal("EX{}", h.View());
        h.V2Report(1_500, host: "h2");
        h.At(3_000);
        Assert.Equal("G0;G1", h.Queries());
        Assert.Equal("EX{}", h.View());
        Assert.Equal(0, h.Iface.Counters.FastLeaves);

        h.Leave(5_000, host: "h2");
        Assert.Equal("none", h.View());
        Assert.Equal(1, h.Iface.Counters.FastLeaves);
    }

    [Fact]
    public void IGMPv3_hosts_are_tracked_from_records()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.Record(0, "TO_EX", string.Empty, host: "h1");
        h.Record(0, "ALLOW", "a", host: "h2");
        h.Record(1_000, "TO_IN", string.Empty, host: "h1");
        Assert.NotEqual("none", h.View());
        Assert.Equal(new[] { h.Host("h2") }, h.Status()!.Hosts);
        h.Record(1_500, "TO_IN", string.Empty, host: "h2");
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void Silent_host_expires_after_GMI_so_the_remaining_one_is_last()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true));
        h.V2Report(0, host: "h1");
        h.V2Report(0, host: "h2");
        h.V2Report(200_000, host: "h1");
        h.Leave(260_500, host: "h1");
        Assert.Equal("none", h.View());
    }

    [Fact]
    public void Host_limit_makes_tracking_incomplete_and_disables_fast_leave()
    {
        var h = new Harness("v4", Harness.With(fastLeave: true, maxHosts: 1));
        h.V2Report(0, host: "h1");
        h.V2Report(0, host: "h2");
        Assert.Equal(1, h.Iface.Counters.HostLimitRefusals);
        Assert.True(h.Status()!.HostsIncomplete);
        h.Leave(1_000, host: "h1");
        Assert.Equal("EX{}", h.View());
        Assert.Equal("G0", h.Queries());
    }

    [Fact]
    public void Without_fast_leave_the_only_host_still_gets_the_normal_queries()
    {
        var h = new Harness("v4");
        h.V2Report(0, host: "h1");
        h.Leave(1_000, host: "h1");
        Assert.Equal("EX{}", h.View());
        h.At(3_000);
        Assert.Equal("none", h.View());
        Assert.Equal("G0;G0", h.Queries());
    }
}
