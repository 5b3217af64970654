using System.Linq;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>IMembershipView (RFC 3376 §6.3) and listener notifications on visible changes only.</summary>
public class ViewTests
{
    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void WantsSource_follows_RFC_3376_section_6_3(string family)
    {
        var h = new Harness(family);
        h.Record(0, "ALLOW", "a", "G");
        h.Record(0, "IS_EX", "c", "G2");
        h.Record(0, "ALLOW", "d", "G2");
        Assert.True(h.Iface.WantsSource(h.G, h.Source("a")));
        Assert.False(h.Iface.WantsSource(h.G, h.Source("b")));
        Assert.False(h.Iface.WantsSource(h.Group("G2"), h.Source("c")));
        Assert.True(h.Iface.WantsSource(h.Group("G2"), h.Source("d")));
        Assert.True(h.Iface.WantsSource(h.Group("G2"), h.Source("e")));
        Assert.False(h.Iface.WantsSource(h.Group("G3"), h.Source("a")));
        Assert.Equal("EX{c}", h.View("G2"));
    }

    [Fact]
    public void Listener_hears_visible_changes_only()
    {
        var h = new Harness("v4");
        h.Record(0, "ALLOW", "a");
        Assert.Single(h.Listener.Changes);
        h.Record(1_000, "IS_IN", "a");
        h.Record(2_000, "ALLOW", "a");
        Assert.Single(h.Listener.Changes);
        h.Record(3_000, "ALLOW", "b");
        Assert.Equal(2, h.Listener.Changes.Count);
        h.Record(4_000, "IS_EX", "c"); // mode change
        Assert.Equal(3, h.Listener.Changes.Count);
        Assert.Equal("EX{c}", h.View());
        h.Record(5_000, "IS_EX", "c"); // refresh only
        Assert.Equal(3, h.Listener.Changes.Count);
        h.V2Report(6_000); // compat change
        Assert.Equal(4, h.Listener.Changes.Count);
        h.V2Report(7_000);
        Assert.Equal(4, h.Listener.Changes.Count);
        Assert.All(h.Listener.Changes, c => Assert.Equal((7, h.G), c));
    }

    [Fact]
    public void Stop_forgets_everything_and_tells_the_listener_per_group()
    {
        var h = new Harness("v4");
        h.V2Report(0, "G");
        h.Record(0, "ALLOW", "a", "G2");
        h.Listener.Changes.Clear();
        h.Iface.Stop();
        Assert.Equal(0, h.Iface.GroupCount);
        Assert.Equal(2, h.Listener.Changes.Count);
        Assert.Equal(long.MaxValue, h.Iface.NextDeadline);
        Assert.Equal("none", h.View("G"));
    }

    [Fact]
    public void Status_shows_timers_compat_and_hosts()
    {
        var h = new Harness("v4");
        h.Record(0, "IS_EX", "c", host: "h1");
        h.Record(0, "ALLOW", "a", host: "h2");
        h.At(10_000);
        var s = h.Iface.GetGroupStatus(10_000).Single();
        Assert.Equal(FilterMode.Exclude, s.Mode);
        Assert.Equal(250_000, s.FilterTimerMs);
        Assert.Equal(new[] { 250_000L, 0L }, s.Sources.Select(x => x.TimerMs).ToArray());
        Assert.Equal(ProtocolVersion.IGMPv3, s.CompatVersion);
        Assert.Equal(new[] { h.Host("h1"), h.Host("h2") }, s.Hosts);
        Assert.Equal(FilterMode.Exclude, s.ViewMode);
        Assert.Equal(new[] { h.Source("c") }, s.ViewSources);
    }
}
