using System.Linq;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Protocol.Membership;
using McProxy.Protocol.Proxying;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>RFC 4604 §2.2.3: groups in an SSM range take no EXCLUDE state and no v1/v2 messages.</summary>
public class SsmTests
{
    [Theory]
    [InlineData("232.0.0.1", true)]
    [InlineData("232.255.255.255", true)]
    [InlineData("231.255.255.255", false)]
    [InlineData("233.0.0.0", false)]
    [InlineData("239.1.1.1", false)]
    [InlineData("ff3e::8000:1", true)]
    [InlineData("ff35::1", true)]
    [InlineData("ff32::1", true)]
    [InlineData("ff3e:0:1::1", true)]
    [InlineData("ff3e:1::1", false)]   // prefix length field not 0: unicast-prefix based, not SSM
    [InlineData("ff1e::1", false)]
    [InlineData("ff0e::1", false)]
    [InlineData("ff7e::1", false)]
    public void Iana_ranges_by_default(string group, bool ssm) =>
        Assert.Equal(ssm, GroupScope.IsSsm(Addr.Parse(group), null));

    [Fact]
    public void Configured_ranges_replace_the_default_and_empty_means_none()
    {
        var ranges = new EquatableArray<AddrRange>(new[] { new AddrRange(Addr.Parse("239.1.0.0"), Addr.Parse("239.1.255.255")) });
        Assert.True(GroupScope.IsSsm(Addr.Parse("239.1.1.1"), ranges));
        Assert.False(GroupScope.IsSsm(Addr.Parse("232.1.1.1"), ranges));
        Assert.False(GroupScope.IsSsm(Addr.Parse("232.1.1.1"), EquatableArray<AddrRange>.Empty));
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Exclude_records_and_old_version_messages_are_ignored_and_counted(string family)
    {
        var h = new Harness(family);
        var diag = new RecordingDiagnostics();
        h.Iface.Diagnostics = diag;
        Addr g = Ssm(h);
        h.At(1_000);
        h.Iface.OnRecord(1_000, h.Host("h1"), RecordType.ChangeToExclude, g, default);
        h.Iface.OnRecord(1_000, h.Host("h1"), RecordType.ModeIsExclude, g, new[] { h.Source("a") });
        h.Iface.OnV2Report(1_000, h.Host("h2"), g);
        if (!h.V6)
        {
            h.Iface.OnV1Report(1_000, h.Host("h2"), g);
        }

        h.Iface.OnLeave(1_000, h.Host("h2"), g);
        Assert.Null(h.Iface.GetGroupStatus(1_000, g));
        Assert.False(h.Iface.TryGetGroup(g, out _, out _));
        Assert.Empty(h.Listener.Changes);
        Assert.Equal(h.V6 ? 4 : 5, h.Iface.Counters.Ignored);
        Assert.Equal(h.V6 ? 4 : 5, diag.SsmIgnored.Count);
        Assert.Equal((g, h.Host("h1")), diag.SsmIgnored[0]);
        Assert.Empty(h.Port.Sent);
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Include_records_work_and_an_exclude_record_leaves_the_state_alone(string family)
    {
        var h = new Harness(family);
        Addr g = Ssm(h);
        h.At(1_000);
        h.Iface.OnRecord(1_000, h.Host("h1"), RecordType.AllowNewSources, g, new[] { h.Source("a") });
        h.Iface.OnRecord(2_000, h.Host("h2"), RecordType.ChangeToExclude, g, default);
        h.Iface.OnV2Report(2_000, h.Host("h3"), g);
        Assert.True(h.Iface.TryGetGroup(g, out FilterMode mode, out var sources));
        Assert.Equal(FilterMode.Include, mode);
        Assert.Equal(new[] { h.Source("a") }, sources.ToArray());
        GroupStatus s = h.Iface.GetGroupStatus(2_000, g)!;
        Assert.Equal(259_000, s.Sources.Single().TimerMs);
        Assert.Equal(h.V6 ? ProtocolVersion.MLDv2 : ProtocolVersion.IGMPv3, s.CompatVersion); // no older host timer started

        h.Iface.OnRecord(3_000, h.Host("h1"), RecordType.BlockOldSources, g, new[] { h.Source("a") });
        h.At(5_000);
        Assert.False(h.Iface.TryGetGroup(g, out _, out _));
    }

    [Fact]
    public void Configured_ranges_apply_to_the_membership_table()
    {
        var settings = InterfaceSettings.Default with { SsmRanges = EquatableArray<AddrRange>.Empty };
        var h = new Harness("v4", settings);
        h.At(1_000);
        h.Iface.OnV2Report(1_000, h.Host("h1"), Addr.Parse("232.1.1.1"));
        Assert.True(h.Iface.TryGetGroup(Addr.Parse("232.1.1.1"), out FilterMode mode, out _));
        Assert.Equal(FilterMode.Exclude, mode);

        settings = InterfaceSettings.Default with
        {
            SsmRanges = new EquatableArray<AddrRange>(new[] { new AddrRange(h.G, h.G) }),
        };
        h = new Harness("v4", settings);
        h.V2Report(1_000);
        Assert.Equal("none", h.View());
    }

    private static Addr Ssm(Harness h) => Addr.Parse(h.V6 ? "ff3e::8000:1" : "232.1.1.1");
}
