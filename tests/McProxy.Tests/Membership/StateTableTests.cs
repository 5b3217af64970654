using System.Collections.Generic;
using System.Text.RegularExpressions;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>
/// RFC 3376 §6.4.1 / §6.4.2 (IGMPv3, "v4") and RFC 3810 §7.4.1 / §7.4.2 (MLDv2, "v6"), one row
/// per table line. The start state is built by records before t = 1000: IN(A) by ALLOW(A) at
/// 500; EX(X,Y) by IS_EX(Y) at 0 (FT = 260000) and ALLOW(X) at 500. The record under test comes
/// at 1000. Timers are shown remaining at 1000: G = GMI/MALI (260000, freshly set), O = old
/// source timer (259500), F = the old filter timer (259000), L = LMQT (2000, lowered by a query).
/// Queries: S0{..} = group-and-source query with S clear, G0 = group query with S clear.
/// </summary>
public class StateTableTests
{
    private static readonly Dictionary<long, string> Symbols = new()
    {
        [260_000] = "G",
        [259_500] = "O",
        [259_000] = "F",
        [2_000] = "L",
    };

    [Theory]
    // §6.4.1 current-state records (RFC 3810 §7.4.1)
    [InlineData("IN{a,b}", "IS_IN", "b,c", "IN{a:O,b:G,c:G}", "")]
    [InlineData("IN{a,b}", "IS_EX", "b,c", "EX{b:O|c} FT=G", "")]
    [InlineData("EX{a,b|c,d}", "IS_IN", "b,c", "EX{a:O,b:G,c:G|d} FT=F", "")]
    [InlineData("EX{a,b|c,d}", "IS_EX", "b,c,e", "EX{b:O,e:G|c} FT=G", "")]
    // §6.4.2 filter-mode-change and source-list-change records (RFC 3810 §7.4.2)
    [InlineData("IN{a,b}", "ALLOW", "b,c", "IN{a:O,b:G,c:G}", "")]
    [InlineData("IN{a,b}", "BLOCK", "b,c", "IN{a:O,b:L}", "S0{b}")]
    [InlineData("IN{a,b}", "TO_EX", "b,c", "EX{b:L|c} FT=G", "S0{b}")]
    [InlineData("IN{a,b}", "TO_IN", "b,c", "IN{a:L,b:G,c:G}", "S0{a}")]
    [InlineData("EX{a,b|c,d}", "ALLOW", "b,c", "EX{a:O,b:G,c:G|d} FT=F", "")]
    [InlineData("EX{a,b|c,d}", "BLOCK", "b,c,e", "EX{a:O,b:L,e:L|c,d} FT=F", "S0{b,e}")]
    [InlineData("EX{a,b|c,d}", "TO_EX", "b,c,e", "EX{b:L,e:L|c} FT=G", "S0{b,e}")]
    [InlineData("EX{a,b|c,d}", "TO_IN", "b,c", "EX{a:L,b:G,c:G|d} FT=L", "S0{a};G0")]
    // A group without state is IN{} (RFC 3376 §6.2.1); IN{} afterwards means no state.
    [InlineData("none", "IS_IN", "a", "IN{a:G}", "")]
    [InlineData("none", "IS_IN", "", "none", "")]
    [InlineData("none", "IS_EX", "a", "EX{|a} FT=G", "")]
    [InlineData("none", "IS_EX", "", "EX{|} FT=G", "")]
    [InlineData("none", "ALLOW", "a", "IN{a:G}", "")]
    [InlineData("none", "BLOCK", "a", "none", "")]
    [InlineData("none", "TO_EX", "a", "EX{|a} FT=G", "")]
    [InlineData("none", "TO_IN", "", "none", "")]
    // Edge rows: the last source blocked in INCLUDE, a leave (TO_IN{}) in EXCLUDE
    [InlineData("IN{a}", "BLOCK", "a", "IN{a:L}", "S0{a}")]
    [InlineData("EX{|c}", "TO_IN", "", "EX{|c} FT=L", "G0")]
    public void TableRow_v4(string state, string record, string sources, string expected, string queries) =>
        Run("v4", state, record, sources, expected, queries);

    [Theory]
    [InlineData("IN{a,b}", "IS_IN", "b,c", "IN{a:O,b:G,c:G}", "")]
    [InlineData("IN{a,b}", "IS_EX", "b,c", "EX{b:O|c} FT=G", "")]
    [InlineData("EX{a,b|c,d}", "IS_IN", "b,c", "EX{a:O,b:G,c:G|d} FT=F", "")]
    [InlineData("EX{a,b|c,d}", "IS_EX", "b,c,e", "EX{b:O,e:G|c} FT=G", "")]
    [InlineData("IN{a,b}", "ALLOW", "b,c", "IN{a:O,b:G,c:G}", "")]
    [InlineData("IN{a,b}", "BLOCK", "b,c", "IN{a:O,b:L}", "S0{b}")]
    [InlineData("IN{a,b}", "TO_EX", "b,c", "EX{b:L|c} FT=G", "S0{b}")]
    [InlineData("IN{a,b}", "TO_IN", "b,c", "IN{a:L,b:G,c:G}", "S0{a}")]
    [InlineData("EX{a,b|c,d}", "ALLOW", "b,c", "EX{a:O,b:G,c:G|d} FT=F", "")]
    [InlineData("EX{a,b|c,d}", "BLOCK", "b,c,e", "EX{a:O,b:L,e:L|c,d} FT=F", "S0{b,e}")]
    [InlineData("EX{a,b|c,d}", "TO_EX", "b,c,e", "EX{b:L,e:L|c} FT=G", "S0{b,e}")]
    [InlineData("EX{a,b|c,d}", "TO_IN", "b,c", "EX{a:L,b:G,c:G|d} FT=L", "S0{a};G0")]
    [InlineData("none", "IS_IN", "a", "IN{a:G}", "")]
    [InlineData("none", "IS_IN", "", "none", "")]
    [InlineData("none", "IS_EX", "a", "EX{|a} FT=G", "")]
    [InlineData("none", "IS_EX", "", "EX{|} FT=G", "")]
    [InlineData("none", "ALLOW", "a", "IN{a:G}", "")]
    [InlineData("none", "BLOCK", "a", "none", "")]
    [InlineData("none", "TO_EX", "a", "EX{|a} FT=G", "")]
    [InlineData("none", "TO_IN", "", "none", "")]
    [InlineData("IN{a}", "BLOCK", "a", "IN{a:L}", "S0{a}")]
    [InlineData("EX{|c}", "TO_IN", "", "EX{|c} FT=L", "G0")]
    public void TableRow_v6(string state, string record, string sources, string expected, string queries) =>
        Run("v6", state, record, sources, expected, queries);

    private static void Run(string family, string state, string record, string sources, string expected, string queries)
    {
        var h = new Harness(family);
        Build(h, state);
        Assert.Equal(state, Regex.Replace(h.Describe(Symbols).Split(' ')[0], ":[A-Z0-9]+", string.Empty));
        h.Port.Clear();
        h.Record(1000, record, sources);
        Assert.Equal(expected, h.Describe(Symbols));
        Assert.Equal(queries, h.Queries());
        if (queries.Length > 0)
        {
            Assert.All(h.Port.Sent, s => Assert.Equal(1000, s.Query.MaxRespMs));
        }
    }

    private static void Build(Harness h, string state)
    {
        if (state == "none")
        {
            return;
        }

        string body = state[3..^1];
        if (state.StartsWith("IN"))
        {
            h.Record(500, "ALLOW", body);
            return;
        }

        string[] parts = body.Split('|');
        h.Record(0, "IS_EX", parts[1]);
        if (parts[0].Length > 0)
        {
            h.Record(500, "ALLOW", parts[0]);
        }
    }
}
