using McProxy.Protocol.Proxying;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>RFC 4605 §4.1 merge (docs/behaviour.md §4.6), one row per rule, and the set identities.</summary>
public class SourceSetMergeTests
{
    private const string S1 = "10.0.0.1";
    private const string S2 = "10.0.0.2";
    private const string S3 = "10.0.0.3";

    private static SourceSet Make(string mode, string list)
    {
        var s = new SourceSet(1);
        s.Set(Mode(mode), As(list));
        return s;
    }

    private static string Str(SourceSet s) => Format(s.Mode, s.Sources);

    [Theory]
    // IN(A)+IN(B)=IN(A∪B)
    [InlineData("IN", S1 + "," + S2, "IN", S2 + "," + S3, "IN{10.0.0.1,10.0.0.2,10.0.0.3}")]
    // IN(A)+EX(B)=EX(B−A)
    [InlineData("IN", S1 + "," + S2, "EX", S2 + "," + S3, "EX{10.0.0.3}")]
    // EX(A)+IN(B)=EX(A−B)
    [InlineData("EX", S1 + "," + S2, "IN", S2 + "," + S3, "EX{10.0.0.1}")]
    // EX(A)+EX(B)=EX(A∩B)
    [InlineData("EX", S1 + "," + S2, "EX", S2 + "," + S3, "EX{10.0.0.2}")]
    // from IN{}: merging into the neutral element keeps the state
    [InlineData("IN", "", "EX", S1, "EX{10.0.0.1}")]
    [InlineData("IN", "", "IN", S1, "IN{10.0.0.1}")]
    [InlineData("EX", "", "IN", S1, "EX{}")]
    public void Merge_follows_rfc4605(string ma, string a, string mb, string b, string expected)
    {
        var r = new SourceSet();
        r.Merge(Make(ma, a), Make(mb, b));
        Assert.Equal(expected, Str(r));
    }

    [Fact]
    public void Merge_in_place_accumulates_from_include_empty()
    {
        var acc = new SourceSet();
        acc.Merge(acc, Make("IN", S1));
        acc.Merge(acc, Make("EX", S1 + "," + S2));
        Assert.Equal("EX{10.0.0.2}", Str(acc));
        acc.Merge(acc, Make("EX", S3));
        Assert.Equal("EX{}", Str(acc));
    }

    [Theory]
    [InlineData("IN", S1 + "," + S2, "IN", S2 + "," + S3, "IN{10.0.0.2}")]
    [InlineData("IN", S1 + "," + S2, "EX", S2 + "," + S3, "IN{10.0.0.1}")]
    [InlineData("EX", S1 + "," + S2, "IN", S2 + "," + S3, "IN{10.0.0.3}")]
    [InlineData("EX", S1 + "," + S2, "EX", S2 + "," + S3, "EX{10.0.0.1,10.0.0.2,10.0.0.3}")]
    public void Intersect(string ma, string a, string mb, string b, string expected)
    {
        var r = new SourceSet();
        r.Intersect(Make(ma, a), Make(mb, b));
        Assert.Equal(expected, Str(r));
    }

    [Theory]
    [InlineData("IN", S1 + "," + S2, "IN", S2 + "," + S3, "IN{10.0.0.1}")]
    [InlineData("IN", S1 + "," + S2, "EX", S2 + "," + S3, "IN{10.0.0.2}")]
    [InlineData("EX", S1 + "," + S2, "IN", S2 + "," + S3, "EX{10.0.0.1,10.0.0.2,10.0.0.3}")]
    [InlineData("EX", S1 + "," + S2, "EX", S2 + "," + S3, "IN{10.0.0.3}")]
    public void Subtract(string ma, string a, string mb, string b, string expected)
    {
        var r = new SourceSet();
        r.Subtract(Make(ma, a), Make(mb, b));
        Assert.Equal(expected, Str(r));
    }

    [Fact]
    public void Set_sorts_and_dedups_unsorted_input()
    {
        SourceSet s = Make("IN", S3 + "," + S1 + "," + S3 + "," + S2);
        Assert.Equal("IN{10.0.0.1,10.0.0.2,10.0.0.3}", Str(s));
        Assert.True(s.Contains(A(S2)));
        Assert.False(Make("EX", S2).Contains(A(S2)));
        Assert.True(Make("EX", S2).Contains(A(S1)));
    }
}
