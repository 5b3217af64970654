using System.Collections.Generic;
using McProxy.Protocol;
using McProxy.Protocol.Membership;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>Per-interface resource limits: refused, counted and reported, memory bounded.</summary>
public class LimitTests
{
    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Group_limit_refuses_new_groups_but_keeps_refreshing_old_ones(string family)
    {
        var h = new Harness(family, Harness.With(maxGroups: 2, hostShare: 100));
        var diag = new RecordingDiagnostics();
        h.Iface.Diagnostics = diag;
        h.V2Report(0, "G");
        h.Record(0, "ALLOW", "a", "G2");
        h.V2Report(0, "G3", "h3");
        h.Record(0, "TO_EX", string.Empty, "G4");
        Assert.Equal(2, h.Iface.GroupCount);
        Assert.Equal("none", h.View("G3"));
        Assert.Equal(2, h.Iface.Counters.GroupLimitRefusals);
        Assert.Equal((MembershipLimit.Groups, h.Group("G3"), h.Host("h3")), diag.Refusals[0]);

        h.V2Report(200_000, "G");
        h.At(300_000);
        Assert.Equal("EX{}", h.View("G"));
        Assert.Equal("none", h.View("G2"));
        h.V2Report(300_000, "G3");
        Assert.Equal("EX{}", h.View("G3"));
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void One_host_gets_its_share_of_max_groups_and_the_others_still_join(string family)
    {
        // Issue 13 item 5: max_groups 8, share 25 %: a flooding host holds 2 groups at most.
        var h = new Harness(family, Harness.With(maxGroups: 8));
        var diag = new RecordingDiagnostics();
        h.Iface.Diagnostics = diag;
        for (int g = 1; g <= 9; g++)
        {
            h.Record(1_000, "TO_EX", string.Empty, "G" + g, host: "h9");
        }

        Assert.Equal(2, h.Iface.GroupCount);
        Assert.Equal(7, h.Iface.Counters.HostShareRefusals);
        Assert.Equal((MembershipLimit.GroupsPerHost, h.Group("G3"), h.Host("h9")), diag.Refusals[0]);

        h.V2Report(2_000, "G5", host: "h1");
        h.Record(2_000, "IS_IN", "a", "G6", host: "h2");
        Assert.Equal("EX{}", h.View("G5"));
        Assert.Equal("IN{a}", h.View("G6"));

        // Refreshing its own groups is never refused; a group it lost frees its share.
        h.Record(3_000, "IS_EX", string.Empty, "G1", host: "h9");
        Assert.Equal(7, h.Iface.Counters.HostShareRefusals);
        h.Record(4_000, "TO_IN", string.Empty, "G2", host: "h9");
        h.At(6_000);
        h.Record(6_000, "TO_EX", string.Empty, "G7", host: "h9");
        Assert.Equal("EX{}", h.View("G7"));
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void One_host_gets_its_share_of_the_sources_of_a_group(string family)
    {
        var h = new Harness(family, Harness.With(maxSources: 8));
        h.Record(1_000, "IS_IN", "a,b,c,d,e,f,g,h", host: "h9");
        Assert.Equal("IN{a,b}", h.View());
        Assert.Equal(6, h.Iface.Counters.HostShareRefusals);
        h.Record(1_000, "ALLOW", "i,j", host: "h9");
        Assert.Equal(8, h.Iface.Counters.HostShareRefusals);

        // Another viewer asks for its own channel of the same group, and for one already there.
        h.Record(2_000, "ALLOW", "k,a", host: "h1");
        Assert.Equal("IN{a,b,k}", h.View());
        Assert.Equal(8, h.Iface.Counters.HostShareRefusals);
    }

    [Fact]
    public void A_full_share_is_no_limit()
    {
        var h = new Harness("v4", Harness.With(maxGroups: 4, hostShare: 100));
        for (int g = 1; g <= 4; g++)
        {
            h.Record(1_000, "TO_EX", string.Empty, "G" + g, host: "h9");
        }

        Assert.Equal(4, h.Iface.GroupCount);
        Assert.Equal(0, h.Iface.Counters.HostShareRefusals);
    }

    [Fact]
    public void Records_that_create_no_state_are_not_refused()
    {
        var h = new Harness("v4", Harness.With(maxGroups: 1));
        h.V2Report(0, "G");
        h.Record(0, "BLOCK", "a", "G2");
        h.Record(0, "TO_IN", string.Empty, "G2");
        h.Leave(0, "G2");
        Assert.Equal(0, h.Iface.Counters.LimitRefusals);
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Source_limit_refuses_the_excess_sources(string family)
    {
        var h = new Harness(family, Harness.With(maxSources: 2, hostShare: 100));
        h.Record(0, "IS_IN", "a,b,c,d");
        Assert.Equal("IN{a,b}", h.View());
        Assert.Equal(2, h.Iface.Counters.SourceLimitRefusals);
        h.Record(1_000, "IS_IN", "a,b");
        Assert.Equal(2, h.Iface.Counters.SourceLimitRefusals);
    }

    [Fact]
    public void A_flood_of_groups_and_sources_stays_within_the_limits()
    {
        var h = new Harness("v4", Harness.With(maxGroups: 50, maxSources: 10, maxHosts: 4, hostShare: 100));
        var sources = new Addr[100];
        for (int i = 0; i < sources.Length; i++)
        {
            sources[i] = Addr.FromV4(10, 1, (byte)(i >> 8), (byte)i);
        }

        for (int g = 0; g < 1_000; g++)
        {
            var group = Addr.FromV4(239, 2, (byte)(g >> 8), (byte)g);
            var host = Addr.FromV4(192, 168, 2, (byte)g);
            h.Iface.OnRecord(0, host, RecordType.ModeIsInclude, group, sources);
        }

        Assert.Equal(50, h.Iface.GroupCount);
        foreach (GroupStatus s in h.Iface.GetGroupStatus(0))
        {
            Assert.Equal(10, s.Sources.Length);
        }

        Assert.Equal(950, h.Iface.Counters.GroupLimitRefusals);
        Assert.Equal(50 * 90, h.Iface.Counters.SourceLimitRefusals);
    }

    [Theory]
    [InlineData("v4", "224.0.0.251")]
    [InlineData("v4", "224.0.0.22")]
    [InlineData("v4", "10.1.1.1")]
    [InlineData("v4", "ff0e::1")]
    [InlineData("v6", "ff02::fb")]
    [InlineData("v6", "ff01::1")]
    [InlineData("v6", "2001:db8::1")]
    [InlineData("v6", "239.1.1.1")]
    public void Link_local_foreign_or_unicast_groups_create_no_state(string family, string group)
    {
        var h = new Harness(family);
        Addr g = Addr.Parse(group);
        h.Iface.OnV2Report(0, h.Host("h1"), g);
        h.Iface.OnRecord(0, h.Host("h1"), RecordType.ChangeToExclude, g, default);
        Assert.Equal(0, h.Iface.GroupCount);
        Assert.Empty(h.Listener.Changes);
        Assert.Equal(2, h.Iface.Counters.Ignored);
    }
}
