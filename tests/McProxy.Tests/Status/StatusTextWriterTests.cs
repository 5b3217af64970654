using System;
using McProxy.Protocol.Wire;
using McProxy.Runtime.Status;
using Xunit;

namespace McProxy.Tests.Status;

/// <summary>The documented text format (docs/status.md), line by line, per section and detail level.</summary>
public sealed class StatusTextWriterTests
{
    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void Status_HasHeaderInstanceInterfacesUpstreamsDownstreamsRoutes()
    {
        string[] lines = Lines(StatusTextWriter.Write(SampleStatus.Build(), StatusSection.Status, 0));
        Assert.Equal("##-- mcproxy status --##", lines[0]);
        Assert.Equal("mcproxy 9.9.9  protocol IGMPv3  config /etc/mcproxy.conf  pid 1234  up 7s  instances 1", lines[1]);
        Assert.Contains("##-- instance myProxy (table 0, IPv4) --##", lines);
        Assert.Contains("  vif 0  dn0  ifindex 42  downstream  up", lines);
        Assert.Contains("  vif 1  dn1  ifindex -  downstream  waiting (missing or down)", lines);
        Assert.Contains("  vif 2  up0  ifindex 40  upstream  priority 1  up", lines);
        Assert.Contains("  1  up0 (vif 2)  239.1.2.3  EXCLUDE  {}", lines);
        Assert.Contains("downstream dn0 (vif 0, ifindex 42):", lines);
        Assert.Contains("  querier: IGMPv3  querier  own address 10.2.0.1  general query in 30s  startup queries left 1", lines);
        Assert.Contains("  groups: 1", lines);
        Assert.Contains("  group 239.1.2.3  EXCLUDE  timer 255s  compat IGMPv3  sources 2", lines);
        Assert.Contains("downstream dn1 (vif 1, ifindex -):", lines);
        Assert.Contains("  not running (interface missing or down)", lines);
        Assert.Contains("routes: 1", lines);
        Assert.Contains("  (10.1.0.2, 239.1.2.3)  iif up0 (vif 2)  oifs dn0 (vif 0)  packets 40  bytes 1510  wrong-if 1", lines);
    }

    [Fact]
    public void RoutesLine_SaysHowManyRoutesMaxRoutesEvicted()
    {
        string[] lines = Lines(StatusTextWriter.Write(SampleStatus.Build(routesEvicted: 7), StatusSection.Routes, 0));
        Assert.Contains("routes: 1  evicted 7 (max_routes)", lines);
        Assert.DoesNotContain("routes: 1", lines);
    }

    [Fact]
    public void Detail0_LeavesOutSourcesCountersAndDrops()
    {
        string text = StatusTextWriter.Write(SampleStatus.Build(), StatusSection.Status, 0);
        Assert.DoesNotContain("    source ", text);
        Assert.DoesNotContain("  counters:", text);
        Assert.DoesNotContain("drops:", text);
        Assert.DoesNotContain("next idle check", text);
    }

    [Fact]
    public void Detail1_AddsSourcesViewCountersTimersAndNonzeroDrops()
    {
        long[] drops = new long[DropReasonExtensions.Count];
        drops[(int)DropReason.BadChecksum] = 3;
        string[] lines = Lines(StatusTextWriter.Write(SampleStatus.Build(drops: drops), StatusSection.Status, 1));
        Assert.Contains("    source 10.9.9.9  excluded", lines);
        Assert.Contains("    source 10.9.9.8  timer 5s", lines);
        Assert.Contains("    forwarded EXCLUDE  {10.9.9.9}", lines);
        Assert.Contains("  querier timers: robustness 2  query interval 125s", lines);
        Assert.Contains("  counters: reports 3  old reports 1  leaves 2  queries received 4  queries sent 5  ignored 6  limits hit 35 (groups 7, sources 8, hosts 9, host share 11)  fast leaves 10  forged leaves 12  older queries 13  foreign queries 14  own reports 15", lines);
        Assert.Contains("    next idle check 18s", lines);
        Assert.Contains("drops: 3", lines);
        Assert.Contains("  bad-checksum 3", lines);
        Assert.DoesNotContain("  truncated 0", lines);
        Assert.DoesNotContain("    hosts 1  10.2.0.2", lines);
    }

    [Fact]
    public void Detail2_AddsHostsAndEveryDropReason()
    {
        string[] lines = Lines(StatusTextWriter.Write(SampleStatus.Build(), StatusSection.Status, 2));
        Assert.Contains("    hosts 1  10.2.0.2", lines);
        Assert.Contains("    group queries left 0", lines);
        for (int r = 1; r < DropReasonExtensions.Count; r++)
        {
            Assert.Contains($"  {((DropReason)r).Name()} 0", lines);
        }
    }

    [Fact]
    public void Groups_ShowsOnlyDownstreamGroups()
    {
        string text = StatusTextWriter.Write(SampleStatus.Build(), StatusSection.Groups, 0);
        Assert.StartsWith("\n##-- instance myProxy (table 0, IPv4) --##\n", text, StringComparison.Ordinal);
        Assert.Contains("  group 239.1.2.3  EXCLUDE", text);
        Assert.DoesNotContain("interfaces:", text);
        Assert.DoesNotContain("querier:", text);
        Assert.DoesNotContain("routes:", text);
    }

    [Fact]
    public void Routes_ShowsOnlyRoutes_AndDashesWhenTheKernelCouldNotBeAsked()
    {
        string text = StatusTextWriter.Write(SampleStatus.Build(routeCounters: false), StatusSection.Routes, 0);
        Assert.Contains("  (10.1.0.2, 239.1.2.3)  iif up0 (vif 2)  oifs dn0 (vif 0)  packets -  bytes -  wrong-if -\n", text);
        Assert.DoesNotContain("group 239.1.2.3", text);
        Assert.DoesNotContain("interfaces:", text);
    }

    [Fact]
    public void Interfaces_ShowsVifsQuerierCountersAndDrops_NoGroups()
    {
        string text = StatusTextWriter.Write(SampleStatus.Build(), StatusSection.Interfaces, 0);
        Assert.Contains("  vif 2  up0  ifindex 40  upstream  priority 1  up", text);
        Assert.Contains("  querier: IGMPv3  querier", text);
        Assert.Contains("  counters: reports 3", text);
        Assert.Contains("drops: 0", text);
        Assert.DoesNotContain("  group ", text);
    }
}
