using System;
using System.Collections.Generic;
using System.Linq;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Protocol;
using Xunit;
using static McProxy.Tests.Config.ConfigTestHelpers;

namespace McProxy.Tests.Config;

/// <summary>The ordered first-match group list ("groups" in TOML) and its compilation into a rule table.</summary>
public class GroupListTests
{
    private static AddrRange R(string low, string high) => new(Addr.Parse(low), Addr.Parse(high));

    private static AddrRange P(string prefix)
    {
        string[] parts = prefix.Split('/');
        return AddrMath.Prefix(Addr.Parse(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static GroupList.Entry Allow(AddrRange g, AddrRange? s = null, IpFamily f = IpFamily.V4) => new(true, g, s ?? AddrRange.All(f));

    private static GroupList.Entry Deny(AddrRange g, AddrRange? s = null, IpFamily f = IpFamily.V4) => new(false, g, s ?? AddrRange.All(f));

    /// <summary>What the compiled filter says for (G,S), as the proxy evaluates it.</summary>
    private static bool Allows((FilterKind Kind, Rule[] Rules)? compiled, Addr g, Addr s)
    {
        if (compiled is not (FilterKind kind, Rule[] rules))
        {
            return true;
        }

        var binding = new FilterBinding(InterfaceRole.Upstream, null, FilterDirection.In, kind, new RuleTable("", new EquatableArray<Rule>(rules)));
        return binding.Allows("up", g, s);
    }

    /// <summary>The definition: the first entry containing (G,S) decides; none: allow.</summary>
    private static bool FirstMatch(IReadOnlyList<GroupList.Entry> entries, Addr g, Addr s)
    {
        foreach (GroupList.Entry e in entries)
        {
            if (e.Group.Contains(g) && e.Source.Contains(s))
            {
                return e.Allow;
            }
        }

        return true;
    }

    [Fact]
    public void OnlyTheListedChannelsIsASmallWhitelist()
    {
        var entries = new[] { Allow(P("239.35.0.0/16")), Allow(P("232.0.0.0/16")), Deny(AddrRange.All(IpFamily.V4)) };
        var compiled = GroupList.Compile(entries, IpFamily.V4);
        Assert.Equal(FilterKind.Whitelist, compiled!.Value.Kind);
        Assert.Equal(new[] { new Rule(null, P("232.0.0.0/16"), AddrRange.All(IpFamily.V4)), new Rule(null, P("239.35.0.0/16"), AddrRange.All(IpFamily.V4)) }, compiled.Value.Rules);
    }

    [Fact]
    public void OneDeniedGroupIsAOneRuleBlacklist()
    {
        var compiled = GroupList.Compile(new[] { Deny(R("239.255.255.246", "239.255.255.246")) }, IpFamily.V4);
        Assert.Equal(FilterKind.Blacklist, compiled!.Value.Kind);
        Assert.Equal(R("239.255.255.246", "239.255.255.246"), Assert.Single(compiled.Value.Rules).Group);
    }

    [Fact]
    public void AListThatDeniesNothingNeedsNoFilterAndDenyAllIsAnEmptyWhitelist()
    {
        Assert.Null(GroupList.Compile(Array.Empty<GroupList.Entry>(), IpFamily.V4));
        Assert.Null(GroupList.Compile(new[] { Allow(P("239.0.0.0/8")), Allow(AddrRange.All(IpFamily.V4)) }, IpFamily.V4));
        var none = GroupList.Compile(new[] { Deny(AddrRange.All(IpFamily.V4)), Allow(P("239.0.0.0/8")) }, IpFamily.V4);
        Assert.Equal((FilterKind.Whitelist, 0), (none!.Value.Kind, none.Value.Rules.Length));
    }

    [Fact]
    public void OverlapsAreDecidedByTheEarlierEntry()
    {
        // An allowed hole in a denied block, and the same entries the other way round.
        var hole = new[] { Allow(P("239.1.2.0/24")), Deny(P("239.1.0.0/16")) };
        var shadowed = new[] { Deny(P("239.1.0.0/16")), Allow(P("239.1.2.0/24")) };
        var h = GroupList.Compile(hole, IpFamily.V4);
        var s = GroupList.Compile(shadowed, IpFamily.V4);
        Assert.True(Allows(h, Addr.Parse("239.1.2.7"), Addr.Parse("10.0.0.1")));
        Assert.False(Allows(h, Addr.Parse("239.1.3.7"), Addr.Parse("10.0.0.1")));
        Assert.False(Allows(s, Addr.Parse("239.1.2.7"), Addr.Parse("10.0.0.1")));
        Assert.Equal((FilterKind.Blacklist, 1), (s!.Value.Kind, s.Value.Rules.Length));
        Assert.Equal(2, h!.Value.Rules.Length); // 239.1.0.0 - 239.1.1.255 and 239.1.3.0 - 239.1.255.255
    }

    [Fact]
    public void SourcesCutTheSourceAxis()
    {
        // SSM range only from the provider's sources, nothing else.
        var entries = new[] { Allow(P("232.0.0.0/8"), P("10.0.0.0/8")), Deny(AddrRange.All(IpFamily.V4)) };
        var compiled = GroupList.Compile(entries, IpFamily.V4);
        Assert.Equal(FilterKind.Whitelist, compiled!.Value.Kind);
        Assert.Equal(new Rule(null, P("232.0.0.0/8"), P("10.0.0.0/8")), Assert.Single(compiled.Value.Rules));
        Assert.False(Allows(compiled, Addr.Parse("232.1.1.1"), Addr.Parse("11.0.0.1")));
        Assert.True(Allows(compiled, Addr.Parse("232.1.1.1"), Addr.Parse("10.9.9.9")));
    }

    [Fact]
    public void Ipv6ListsCompileOnThe128BitAxis()
    {
        var all = AddrRange.All(IpFamily.V6);
        var entries = new[]
        {
            Deny(R("ff05::c", "ff05::c"), f: IpFamily.V6),
            Allow(P("ff05::/16"), f: IpFamily.V6),
            Allow(P("ff3e::/16"), P("2001:db8::/32"), IpFamily.V6),
            Deny(all, f: IpFamily.V6),
        };
        var compiled = GroupList.Compile(entries, IpFamily.V6);
        Assert.False(Allows(compiled, Addr.Parse("ff05::c"), Addr.Parse("2001:db8::1")));
        Assert.True(Allows(compiled, Addr.Parse("ff05::d"), Addr.Parse("2001:db8::1")));
        Assert.True(Allows(compiled, Addr.Parse("ff05::b"), Addr.Parse("2001:db8::1")));
        Assert.True(Allows(compiled, Addr.Parse("ff3e::1:2"), Addr.Parse("2001:db8:1::1")));
        Assert.False(Allows(compiled, Addr.Parse("ff3e::1:2"), Addr.Parse("2001:db9::1")));
        Assert.False(Allows(compiled, Addr.Parse("ff0e::1"), Addr.Parse("2001:db8::1")));
        // Ranges that end at the family's last address or start at its first.
        var edges = GroupList.Compile(new[] { Deny(R("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), f: IpFamily.V6), Deny(R("::", "::1"), f: IpFamily.V6) }, IpFamily.V6);
        Assert.Equal(FilterKind.Whitelist, edges!.Value.Kind);
        Assert.Equal(R("::2", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffef"), Assert.Single(edges.Value.Rules).Group);
        Assert.True(Allows(edges, Addr.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffef"), Addr.Parse("::2")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomListsCompileToExactlyTheFirstMatchResult(int seed)
    {
        // Small address windows so that every (G,S) around every boundary is checked.
        var random = new Random(seed);
        uint g0 = Addr.Parse("239.0.0.0").V4, s0 = Addr.Parse("10.0.0.0").V4;
        for (int round = 0; round < 200; round++)
        {
            var entries = new List<GroupList.Entry>();
            int n = random.Next(0, 7);
            for (int i = 0; i < n; i++)
            {
                AddrRange g = Window(random, g0, 24);
                AddrRange s = random.Next(3) == 0 ? AddrRange.All(IpFamily.V4) : Window(random, s0, 12);
                entries.Add(new GroupList.Entry(random.Next(2) == 0, g, s));
            }

            var compiled = GroupList.Compile(entries, IpFamily.V4);
            for (uint g = g0 - 1; g <= g0 + 25; g++)
            {
                for (uint s = s0 - 1; s <= s0 + 13; s++)
                {
                    Addr ga = Addr.FromV4(g), sa = Addr.FromV4(s);
                    Assert.True(FirstMatch(entries, ga, sa) == Allows(compiled, ga, sa), $"seed {seed} round {round}: {ga},{sa} for [{string.Join("; ", entries)}]");
                }
            }

            if (compiled is (FilterKind, Rule[] rules))
            {
                Assert.True(rules.Length <= (2 * n) + 1 + ((2 * n) + 1) * ((2 * n) + 1), "compilation blew up");
            }
        }
    }

    private static AddrRange Window(Random random, uint start, int width)
    {
        uint a = start + (uint)random.Next(width), b = start + (uint)random.Next(width);
        return new AddrRange(Addr.FromV4(Math.Min(a, b)), Addr.FromV4(Math.Max(a, b)));
    }

    // --- through TOML and the validator ---

    private const string Head = "protocol = \"{0}\"\n[[instance]]\nname = \"iptv\"\nupstreams = [\"wan\"]\ndownstreams = [\"lan\"]\n";

    private static string Toml(string protocol, string groups) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Head, protocol) + "groups = [" + groups + "]\n";

    [Fact]
    public void GroupsBecomeUpstreamFiltersInBothDirections()
    {
        ProxyConfig c = Load(Toml("IGMPv3", "\"+239.35.0.0/16\", \"+232.0.0.0/8 from 10.0.0.0/8\", \"-*\""), "g.toml");
        FilterBinding[] filters = c.Instances[0].Filters.AsSpan().ToArray();
        Assert.Equal(new[] { FilterDirection.In, FilterDirection.Out }, filters.Select(f => f.Direction));
        Assert.All(filters, f => Assert.Equal((InterfaceRole.Upstream, (string?)null, FilterKind.Whitelist), (f.Role, f.Interface, f.Kind)));
        Assert.Equal(new[] { new Rule(null, P("232.0.0.0/8"), P("10.0.0.0/8")), new Rule(null, P("239.35.0.0/16"), AddrRange.All(IpFamily.V4)) }, filters[0].Table.Rules);
    }

    [Fact]
    public void EntriesOfTheOtherFamilyAreSkippedSoOneListServesBoth()
    {
        const string list = "\"-ff05::c\", \"-239.255.255.250\", \"+ff3e::/16 from 2001:db8::/32\", \"+*\"";
        FilterBinding v4 = Load(Toml("IGMPv3", list), "g.toml").Instances[0].Filters[0];
        FilterBinding v6 = Load(Toml("MLDv2", list), "g.toml").Instances[0].Filters[0];
        Assert.Equal(R("239.255.255.250", "239.255.255.250"), Assert.Single(v4.Table.Rules).Group);
        Assert.Equal(R("ff05::c", "ff05::c"), Assert.Single(v6.Table.Rules).Group);
        Assert.Equal(FilterKind.Blacklist, v6.Kind);
    }

    [Fact]
    public void AnAllowingListAddsNoFilter()
    {
        Assert.Empty(Load(Toml("IGMPv3", "\"+239.0.0.0/8\""), "g.toml").Instances[0].Filters);
        Assert.Empty(Load(Toml("IGMPv3", ""), "g.toml").Instances[0].Filters);
    }

    [Theory]
    [InlineData("\"239.1.1.1\"", 6, 11, "expected '+' (allow) or '-' (deny) first")]
    [InlineData("\"+10.1.1.1\"", 6, 11, "group 10.1.1.1 is not multicast")]
    [InlineData("\"+239.1.1\"", 6, 11, "group entry \"+239.1.1\": group expected")]
    [InlineData("\"-*\", \"+239.0.0.0/40\"", 6, 17, "prefix /40")]
    [InlineData("\"+239.0.0.9 - 239.0.0.1\"", 6, 11, "reversed")]
    [InlineData("\"+239.0.0.0/8 from 10.0.0\"", 6, 11, "source expected")]
    [InlineData("\"+239.0.0.0/8 from ff05::1\"", 6, 11, "mixes IPv4 and IPv6")]
    [InlineData("\"+239.0.0.0/8\", 5", 6, 27, "an item of 'groups'", "expected a string")]
    public void BadEntriesAreReportedAtTheirItem(string groups, int line, int column, params string[] fragments)
    {
        AssertError(Errors(Toml("IGMPv3", groups), "g.toml"), line, column, fragments);
    }

    [Fact]
    public void GroupsAndAnUpstreamFilterDoNotMix()
    {
        string text = Toml("IGMPv3", "\"-*\"") + "[[instance.filter]]\nrole = \"upstream\"\ndirection = \"in\"\nkind = \"whitelist\"\nrules = []\n";
        AssertError(Errors(text, "g.toml"), 6, 10, "both 'groups' and an upstream filter");
        string downstream = Toml("IGMPv3", "\"-*\"") + "[[instance.filter]]\nrole = \"downstream\"\ndirection = \"out\"\nkind = \"blacklist\"\nrules = []\n";
        Assert.Equal(3, Load(downstream, "g.toml").Instances[0].Filters.Count);
    }

    [Fact]
    public void TooLongAListIsRefused()
    {
        string groups = string.Join(", ", Enumerable.Range(0, GroupList.MaxEntries + 1).Select(i => $"\"-239.1.{i / 256}.{i % 256}\""));
        AssertError(Errors(Toml("IGMPv3", groups), "g.toml"), 6, 10, "at most 256");
    }

    [Fact]
    public void ProxySsdpPerInstanceMustAgree()
    {
        string two = "protocol = \"IGMPv3\"\n[[instance]]\nname = \"a\"\ndownstreams = [\"d1\"]\nproxy_ssdp = true\n[[instance]]\nname = \"b\"\ndownstreams = [\"d2\"]\n";
        AssertError(Errors(two, "s.toml"), 5, 14, "instances 'a' and 'b' differ in proxy_ssdp");
        Assert.True(Load(two + "proxy_ssdp = true\n", "s.toml").ProxySsdp);
        Assert.True(Load("proxy_ssdp = true\n" + two.Replace("proxy_ssdp = true\n", "", StringComparison.Ordinal), "s.toml").ProxySsdp);
        Assert.False(Load(Toml("IGMPv3", "") + "proxy_ssdp = false\n", "s.toml").ProxySsdp);
    }
}
