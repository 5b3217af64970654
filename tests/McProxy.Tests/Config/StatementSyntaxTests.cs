using System.Linq;
using McProxy.Config;
using McProxy.Config.Model;
using Xunit;
using static McProxy.Tests.Config.ConfigTestHelpers;

namespace McProxy.Tests.Config;

public class StatementSyntaxTests
{
    [Fact]
    public void ExampleAFromTheSpec()
    {
        ProxyConfig c = Load("protocol IGMPv3;                                    # A\npinstance myProxy: eth0 ==> eth1 eth2;\n");
        InstanceConfig i = Assert.Single(c.Instances);
        Assert.Equal("myProxy", i.Name);
        Assert.Equal(new[] { "eth0" }, i.Upstreams);
        Assert.Equal(new[] { "eth1", "eth2" }, i.Downstreams);
    }

    [Fact]
    public void QuotedNamesAndUserTable()
    {
        ProxyConfig c = Load("protocol MLDv2;\npinstance v6(7): \"eth0.2\" ==> \"br-lan\" wlan0;\n");
        InstanceConfig i = Assert.Single(c.Instances);
        Assert.Equal(7, i.TableNumber);
        Assert.Equal(new[] { "eth0.2" }, i.Upstreams);
        Assert.Equal(new[] { "br-lan", "wlan0" }, i.Downstreams);
    }

    [Fact]
    public void BareNamesWithDashAndDot()
    {
        ProxyConfig c = Load("protocol MLDv2; pinstance v6: eth0.2 ==> br-lan wlan-guest.5;");
        Assert.Equal(new[] { "br-lan", "wlan-guest.5" }, c.Instances[0].Downstreams);
    }

    [Fact]
    public void KeywordsAreCaseInsensitiveNamesAreNot()
    {
        ProxyConfig c = Load("PROTOCOL igmpv3; PInstance A: e0 ==> e1; pinstance a: e2 ==> e3;");
        Assert.Equal(ProtocolVersion.IGMPv3, c.Protocol);
        Assert.Equal(new[] { "A", "a" }, new[] { c.Instances[0].Name, c.Instances[1].Name });
    }

    [Fact]
    public void KeywordsAreNamesWhereTheGrammarExpectsAName()
    {
        const string text = """
            protocol IGMPv3;
            pinstance first: in out ==> table all;
            table mutex { upstream(* | *) };
            pinstance first upstream in in whitelist table mutex;
            pinstance first upstream out in blacklist table protocol { all(239.0.0.0/8 | *) };
            pinstance first downstream table out whitelist table { (table mutex) };
            """;
        ProxyConfig c = Load(text);
        InstanceConfig i = Assert.Single(c.Instances);
        Assert.Equal("first", i.Name);
        Assert.Equal(new[] { "in", "out" }, i.Upstreams);
        Assert.Equal(new[] { "table", "all" }, i.Downstreams);
        Assert.Equal("mutex", Assert.Single(c.Tables).Name);
        Assert.Equal("upstream", c.Tables[0].Rules[0].Interface);
        Assert.Equal(new[] { "in", "out", "table" }, i.Filters.AsSpan().ToArray().Select(f => f.Interface).ToArray());
        Assert.Equal("all", i.Filters[1].Table.Rules[0].Interface);
    }

    [Fact]
    public void CanonicalOutputQuotesKeywordNamesAndReadsBack()
    {
        ProxyConfig c = Load("pinstance first: in ==> Table br-lan;");
        string text = CanonicalWriter.Write(c);
        Assert.Contains("pinstance \"first\": \"in\" ==> \"Table\" \"br-lan\";", text);
        Assert.Equal(c, Load(text));
    }

    [Fact]
    public void ExampleCFiltersAndRuleMatching()
    {
        const string text = """
            protocol IGMPv3;
            pinstance A: up1 up2 ==> d1 d2;
            table iptv { (239.1.0.0 - 239.1.255.255 | *) (232.0.0.0/8 | 10.0.0.0/8) };
            pinstance A upstream up1 in whitelist table iptv;
            pinstance A upstream up2 out whitelist table { d1(* | *) };
            pinstance A downstream d2 out blacklist table {(239.255.255.250 | *)};
            pinstance A upstream * out rulematching first;
            """;
        ProxyConfig c = Load(text);
        RuleTable iptv = Assert.Single(c.Tables);
        Assert.Equal("iptv", iptv.Name);
        Assert.Equal(2, iptv.Rules.Count);
        Assert.Equal(new AddrRange(Addr.Parse("239.1.0.0"), Addr.Parse("239.1.255.255")), iptv.Rules[0].Group);
        Assert.True(iptv.Rules[0].Source.IsAll(IpFamily.V4));
        Assert.Equal(new AddrRange(Addr.Parse("10.0.0.0"), Addr.Parse("10.255.255.255")), iptv.Rules[1].Source);
        InstanceConfig a = c.Instances[0];
        Assert.Equal(3, a.Filters.Count);
        FilterBinding up1 = a.Filters[0];
        Assert.Equal((InterfaceRole.Upstream, "up1", FilterDirection.In, FilterKind.Whitelist), (up1.Role, up1.Interface, up1.Direction, up1.Kind));
        Assert.Equal(iptv, up1.Table);
        Assert.Equal("d1", a.Filters[1].Table.Rules[0].Interface);
        Assert.Equal(FilterKind.Blacklist, a.Filters[2].Kind);
        Assert.Equal(RuleMatching.First, a.UpstreamOut.Matching);
        Assert.Equal(RuleMatching.First, a.UpstreamIn.Matching);
    }

    [Fact]
    public void ExampleDPeeringAndMutex()
    {
        const string text = """
            protocol IGMPv3;
            pinstance A: ap a1 ==> ap a2;
            table allways { (*|*) };
            pinstance A upstream * in rulematching mutex 10;
            pinstance A upstream ap out blacklist table allways;
            pinstance A upstream a1 out blacklist table {ap(*|*)};
            pinstance A downstream ap in blacklist table allways;
            pinstance A downstream ap out blacklist table {a1(*|*)};
            """;
        InstanceConfig a = Load(text).Instances[0];
        Assert.True(a.IsPeering("ap"));
        Assert.False(a.IsPeering("a1"));
        Assert.Equal(new RuleMatchingBinding(FilterDirection.In, RuleMatching.Mutex, 10), a.UpstreamIn);
        Assert.Equal(4, a.Filters.Count);
    }

    [Fact]
    public void ExampleENoUpstream()
    {
        InstanceConfig i = Load("protocol IGMPv3; pinstance lma(1): ==> \"lma-eth0\" \"lma-eth1\";").Instances[0];
        Assert.Empty(i.Upstreams);
        Assert.Equal(2, i.Downstreams.Count);
    }

    [Fact]
    public void NestedTablesAreFlattened()
    {
        const string text = """
            protocol IGMPv3;
            table a { (239.0.0.1 | *) };
            table b { (table a) (table { (239.0.0.2 | *) }) (239.0.0.3|*) };
            pinstance p: u ==> d;
            pinstance p downstream d in whitelist table b;
            """;
        ProxyConfig c = Load(text);
        RuleTable b = c.Tables[1];
        Assert.Equal(3, b.Rules.Count);
        Assert.Equal(Addr.Parse("239.0.0.2"), b.Rules[1].Group.Low);
        Assert.True(b.Matches(null, Addr.Parse("239.0.0.1"), Addr.Parse("1.2.3.4")));
        Assert.False(b.Matches(null, Addr.Parse("239.0.0.4"), Addr.Parse("1.2.3.4")));
    }

    [Theory]
    [InlineData("::1 - 2001:db8::1", "::1", "2001:db8::1")]
    [InlineData("2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8::1 - *", "2001:db8::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData(":: - 2001:db8::5", "::", "2001:db8::5")]
    public void Ipv6LiteralsMayStartWithColons(string source, string low, string high)
    {
        ProxyConfig c = Load($"protocol MLDv2; pinstance p: u ==> d; pinstance p downstream d in whitelist table {{ (ff05::1 | {source}) }};");
        AddrRange g = c.Instances[0].Filters[0].Table.Rules[0].Source;
        Assert.Equal(new AddrRange(Addr.Parse(low), Addr.Parse(high)), g);
    }

    [Fact]
    public void PrefixAndWildcardForms()
    {
        ProxyConfig c = Load("protocol IGMPv3; table t { (224.0.0.0/4 | 0.0.0.0) (239.1.1.1/32 | * - 10.0.0.5) }; pinstance p: u ==> d;");
        Rule r0 = c.Tables[0].Rules[0];
        Assert.Equal(new AddrRange(Addr.Parse("224.0.0.0"), Addr.Parse("239.255.255.255")), r0.Group);
        Assert.True(r0.Source.IsAll(IpFamily.V4));
        Rule r1 = c.Tables[0].Rules[1];
        Assert.Equal(AddrRange.Single(Addr.Parse("239.1.1.1")), r1.Group);
        Assert.Equal(new AddrRange(Addr.Parse("0.0.0.0"), Addr.Parse("10.0.0.5")), r1.Source);
    }

    [Fact]
    public void DisableAndLastCommandWithoutSemicolon()
    {
        ProxyConfig c = Load("protocol IGMPv3; pinstance p: u ==> d; disable");
        Assert.True(c.Disabled);
    }

    [Fact]
    public void NoProtocolMeansIgmpv3AndEmptyTableIsLegal()
    {
        ProxyConfig c = Load("table t {}; pinstance p: u ==> d;");
        Assert.Equal(ProtocolVersion.IGMPv3, c.Protocol);
        Assert.Empty(c.Tables[0].Rules);
    }

    [Fact]
    public void RuleMatchingLastWinsDefaultsDropped()
    {
        InstanceConfig i = Load("pinstance p: u ==> d; pinstance p upstream * in rulematching all; pinstance p upstream * in rulematching first;").Instances[0];
        Assert.Empty(i.RuleMatchings);
    }
}
