using System;
using McProxy.Config.Model;
using McProxy.Protocol.Proxying;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>
/// The corrected filter algebra (docs/behaviour.md §3): IN{A}+WL{B}=IN{A∩B}, IN{A}+BL{B}=IN{A−B},
/// EX{A}+WL{B}=IN{B−A}, EX{A}+BL{B}=EX{A∪B}, with filters as rule tables over source ranges.
/// </summary>
public class FilterAlgebraTests
{
    private static readonly Addr G = A("232.1.1.1");

    private static FilterKind Kind(string k) => k == "WL" ? FilterKind.Whitelist : FilterKind.Blacklist;

    private static string Apply(string mode, string sources, FilterKind kind, params string[] sourceParts)
    {
        Rule[] rules = Array.ConvertAll(sourceParts, p => Rule("232.0.0.0/8", p));
        FilterBinding binding = Filter(InterfaceRole.Upstream, null, FilterDirection.In, kind, rules);
        var ranges = new SourceRanges();
        ranges.Load(binding, "up", G);
        var request = new SourceSet();
        request.Set(Mode(mode), As(sources));
        var result = new SourceSet();
        result.Filter(request, ranges, 16);
        return Format(result.Mode, result.Sources);
    }

    [Theory]
    // IN{A}+WL{B}=IN{A∩B}
    [InlineData("IN", "1.1.1.1,2.2.2.2", "WL", "IN{2.2.2.2}")]
    // IN{A}+BL{B}=IN{A−B}
    [InlineData("IN", "1.1.1.1,2.2.2.2", "BL", "IN{1.1.1.1}")]
    // EX{A}+WL{B}=IN{B−A}
    [InlineData("EX", "2.2.2.2", "WL", "IN{3.3.3.3}")]
    // EX{A}+BL{B}=EX{A∪B}
    [InlineData("EX", "1.1.1.1", "BL", "EX{1.1.1.1,2.2.2.2,3.3.3.3}")]
    // the original's bug: filtering EX{} as if it were IN{} gave nothing / inverted lists
    [InlineData("EX", "", "WL", "IN{2.2.2.2,3.3.3.3}")]
    [InlineData("EX", "", "BL", "EX{2.2.2.2,3.3.3.3}")]
    public void Table_rows_with_source_lists(string mode, string a, string kind, string expected) =>
        Assert.Equal(expected, Apply(mode, a, Kind(kind), "2.2.2.2", "3.3.3.3"));

    [Theory]
    // Group-only rules (source "*") apply to EXCLUDE{} too (original: never did).
    [InlineData("EX", "", "WL", "EX{}")]
    [InlineData("EX", "1.1.1.1", "WL", "EX{1.1.1.1}")]
    [InlineData("EX", "", "BL", "IN{}")]
    [InlineData("IN", "1.1.1.1", "BL", "IN{}")]
    public void Group_only_rules(string mode, string a, string kind, string expected) =>
        Assert.Equal(expected, Apply(mode, a, Kind(kind), "*"));

    [Fact]
    public void Rule_for_another_group_does_not_apply()
    {
        FilterBinding wl = Filter(InterfaceRole.Upstream, null, FilterDirection.In, FilterKind.Whitelist, Rule("239.0.0.0/8", "*"));
        var ranges = new SourceRanges();
        ranges.Load(wl, "up", G);
        Assert.True(ranges.IsEmpty);
        FilterBinding bl = wl with { Kind = FilterKind.Blacklist };
        ranges.Load(bl, "up", G);
        Assert.True(ranges.IsAll);
    }

    [Fact]
    public void Interface_qualifier_restricts_a_rule()
    {
        FilterBinding wl = Filter(InterfaceRole.Upstream, null, FilterDirection.In, FilterKind.Whitelist, Rule("*", "*", "up1"));
        var ranges = new SourceRanges();
        ranges.Load(wl, "up1", G);
        Assert.True(ranges.IsAll);
        ranges.Load(wl, "up2", G);
        Assert.True(ranges.IsEmpty);
    }

    [Fact]
    public void Small_whitelist_range_is_expanded_exactly() =>
        // 10.0.0.0/30 = 4 addresses ≤ limit: EX{10.0.0.1} ∩ WL = IN{.0,.2,.3}
        Assert.Equal("IN{10.0.0.0,10.0.0.2,10.0.0.3}", Apply("EX", "10.0.0.1", FilterKind.Whitelist, "10.0.0.0/30"));

    [Fact]
    public void Small_blacklist_range_is_expanded_exactly() =>
        Assert.Equal("EX{10.0.0.0,10.0.0.1,10.0.0.2,10.0.0.3,10.9.9.9}", Apply("EX", "10.9.9.9", FilterKind.Blacklist, "10.0.0.0/30"));

    [Fact]
    public void Include_is_exact_for_any_range() =>
        Assert.Equal("IN{10.1.2.3}", Apply("IN", "10.1.2.3,11.0.0.1", FilterKind.Whitelist, "10.0.0.0/8"));

    [Fact]
    public void Large_whitelist_range_for_exclude_widens_and_reports_inexact()
    {
        // "only 10.0.0.0/8" for an EXCLUDE{1.1.1.1} request: not expressible as a finite list;
        // we keep the EXCLUDE request (documented approximation, forwarding enforces the range).
        FilterBinding wl = Filter(InterfaceRole.Upstream, null, FilterDirection.In, FilterKind.Whitelist,
            Rule("232.0.0.0/8", "10.0.0.0/8"), Rule("232.0.0.0/8", "192.168.1.7"));
        var ranges = new SourceRanges();
        ranges.Load(wl, "up", G);
        var request = new SourceSet();
        request.Set(FilterMode.Exclude, As("1.1.1.1"));
        var result = new SourceSet();
        Assert.False(result.Filter(request, ranges, 16));
        Assert.Equal("EX{1.1.1.1}", Format(result.Mode, result.Sources));
    }

    [Fact]
    public void Large_blacklist_with_small_holes_excludes_the_holes_exactly()
    {
        // blacklist everything but two addresses → allowed set is those two: exact INCLUDE
        FilterBinding bl = Filter(InterfaceRole.Upstream, null, FilterDirection.In, FilterKind.Blacklist,
            Rule("*", "0.0.0.0-10.0.0.0"), Rule("*", "10.0.0.3-255.255.255.255"));
        var ranges = new SourceRanges();
        ranges.Load(bl, "up", G);
        var request = new SourceSet();
        request.SetAll();
        var result = new SourceSet();
        Assert.True(result.Filter(request, ranges, 16));
        Assert.Equal("IN{10.0.0.1,10.0.0.2}", Format(result.Mode, result.Sources));
    }

    [Fact]
    public void Ranges_merge_adjacent_and_complement_round_trips()
    {
        var ranges = new SourceRanges();
        ranges.Set(IpFamily.V4, new[] { Range("10.0.0.4-10.0.0.7"), Range("10.0.0.0-10.0.0.3"), Range("10.0.0.6-10.0.0.9") });
        Assert.Equal(1, ranges.Ranges.Length);
        Assert.Equal(10UL, ranges.SizeUpTo(100));
        ranges.Complement();
        Assert.Equal(2, ranges.Ranges.Length);
        Assert.False(ranges.Contains(A("10.0.0.5")));
        Assert.True(ranges.Contains(A("10.0.0.10")));
        Assert.True(ranges.Contains(A("0.0.0.0")));
        ranges.Complement();
        Assert.Equal(Range("10.0.0.0-10.0.0.9"), ranges.Ranges[0]);
    }

    [Fact]
    public void Ipv6_ranges_work_across_the_64_bit_boundary()
    {
        var ranges = new SourceRanges();
        ranges.Set(IpFamily.V6, new[] { Range("2001:db8::ffff:ffff:ffff:fffe-2001:db8:0:1::1") });
        Assert.Equal(4UL, ranges.SizeUpTo(100));
        var request = new SourceSet();
        request.SetAll();
        var result = new SourceSet();
        Assert.True(result.Filter(request, ranges, 16));
        Assert.Equal(4, result.Count);
        Assert.Equal(FilterMode.Include, result.Mode);
    }
}
