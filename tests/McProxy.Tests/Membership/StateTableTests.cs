using System.Collections.Generic;
using System.Text.RegularExpressions;
using McProxy.Config.Model;
using McProxy.Protocol;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>
/// RFC 3376 §6.4.1 / §6.4.2 (IGMPv3) and RFC 3810 §7.4.1 / §7.4.2 (MLDv2): one table of cases,
/// run for both families, each row in four roles: as querier, as non-querier (no queries, no
/// lowering, RFC 3376 §6.6.1), in IGMPv2/MLDv1 compatibility (RFC 3376 §7.3.2, RFC 3810 §8.3.2:
/// BLOCK ignored, TO_EX(B) read as TO_EX({}), only group queries) and in IGMPv1 compatibility
/// (IPv4 only: also TO_IN ignored, no group queries at all). The compatibility modes are those
/// of a router configured for the older version, which holds every group in that mode.
/// The start state is built by records before t = 1000: IN(A) by ALLOW(A) at 500; EX(X,Y) by
/// IS_EX(Y) at 0 (FT = 260000) and ALLOW(X) at 500. The record under test comes at 1000.
/// Timers are shown remaining at 1000: G = GMI/MALI (260000, freshly set), O = old source
/// timer (259500), F = the old filter timer (259000), L = LMQT (2000, lowered by a query).
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

    /// <summary>
    /// State, record, sources; then per role the expected state and queries: querier,
    /// non-querier (state only: it never sends), IGMPv2/MLDv1 mode, IGMPv1 mode.
    /// </summary>
    private static readonly Row[] Rows =
    {
        // §6.4.1 current-state records (RFC 3810 §7.4.1)
        new("IN{a,b}", "IS_IN", "b,c", "IN{a:O,b:G,c:G}", "", "IN{a:O,b:G,c:G}", "IN{a:O,b:G,c:G}", "", "IN{a:O,b:G,c:G}"),
        new("IN{a,b}", "IS_EX", "b,c", "EX{b:O|c} FT=G", "", "EX{b:O|c} FT=G", "EX{b:O|c} FT=G", "", "EX{b:O|c} FT=G"),
        new("EX{a,b|c,d}", "IS_IN", "b,c", "EX{a:O,b:G,c:G|d} FT=F", "", "EX{a:O,b:G,c:G|d} FT=F", "EX{a:O,b:G,c:G|d} FT=F", "", "EX{a:O,b:G,c:G|d} FT=F"),
        new("EX{a,b|c,d}", "IS_EX", "b,c,e", "EX{b:O,e:G|c} FT=G", "", "EX{b:O,e:G|c} FT=G", "EX{b:O,e:G|c} FT=G", "", "EX{b:O,e:G|c} FT=G"),

        // §6.4.2 filter-mode-change and source-list-change records (RFC 3810 §7.4.2)
        new("IN{a,b}", "ALLOW", "b,c", "IN{a:O,b:G,c:G}", "", "IN{a:O,b:G,c:G}", "IN{a:O,b:G,c:G}", "", "IN{a:O,b:G,c:G}"),
        new("IN{a,b}", "BLOCK", "b,c", "IN{a:O,b:L}", "S0{b}", "IN{a:O,b:O}", "IN{a:O,b:O}", "", "IN{a:O,b:O}"),
        new("IN{a,b}", "TO_EX", "b,c", "EX{b:L|c} FT=G", "S0{b}", "EX{b:O|c} FT=G", "EX{|} FT=G", "", "EX{|} FT=G"),
        new("IN{a,b}", "TO_IN", "b,c", "IN{a:L,b:G,c:G}", "S0{a}", "IN{a:O,b:G,c:G}", "IN{a:O,b:G,c:G}", "", "IN{a:O,b:O}"),
        new("EX{a,b|c,d}", "ALLOW", "b,c", "EX{a:O,b:G,c:G|d} FT=F", "", "EX{a:O,b:G,c:G|d} FT=F", "EX{a:O,b:G,c:G|d} FT=F", "", "EX{a:O,b:G,c:G|d} FT=F"),
        new("EX{a,b|c,d}", "BLOCK", "b,c,e", "EX{a:O,b:L,e:L|c,d} FT=F", "S0{b,e}", "EX{a:O,b:O,e:F|c,d} FT=F", "EX{a:O,b:O|c,d} FT=F", "", "EX{a:O,b:O|c,d} FT=F"),
        new("EX{a,b|c,d}", "TO_EX", "b,c,e", "EX{b:L,e:L|c} FT=G", "S0{b,e}", "EX{b:O,e:F|c} FT=G", "EX{|} FT=G", "", "EX{|} FT=G"),
        new("EX{a,b|c,d}", "TO_IN", "b,c", "EX{a:L,b:G,c:G|d} FT=L", "S0{a};G0", "EX{a:O,b:G,c:G|d} FT=F", "EX{a:O,b:G,c:G|d} FT=L", "G0", "EX{a:O,b:O|c,d} FT=F"),

        // A group without state is IN{} (RFC 3376 §6.2.1); IN{} afterwards means no state.
        new("none", "IS_IN", "a", "IN{a:G}", "", "IN{a:G}", "IN{a:G}", "", "IN{a:G}"),
        new("none", "IS_IN", "", "none", "", "none", "none", "", "none"),
        new("none", "IS_EX", "a", "EX{|a} FT=G", "", "EX{|a} FT=G", "EX{|a} FT=G", "", "EX{|a} FT=G"),
        new("none", "IS_EX", "", "EX{|} FT=G", "", "EX{|} FT=G", "EX{|} FT=G", "", "EX{|} FT=G"),
        new("none", "ALLOW", "a", "IN{a:G}", "", "IN{a:G}", "IN{a:G}", "", "IN{a:G}"),
        new("none", "BLOCK", "a", "none", "", "none", "none", "", "none"),
        new("none", "TO_EX", "a", "EX{|a} FT=G", "", "EX{|a} FT=G", "EX{|} FT=G", "", "EX{|} FT=G"),
        new("none", "TO_IN", "", "none", "", "none", "none", "", "none"),

        // Edge rows: the last source blocked in INCLUDE, a leave (TO_IN{}) in EXCLUDE
        new("IN{a}", "BLOCK", "a", "IN{a:L}", "S0{a}", "IN{a:O}", "IN{a:O}", "", "IN{a:O}"),
        new("EX{|c}", "TO_IN", "", "EX{|c} FT=L", "G0", "EX{|c} FT=F", "EX{|c} FT=L", "G0", "EX{|c} FT=F"),
    };

    public static IEnumerable<object[]> Cases()
    {
        foreach (string family in new[] { "v4", "v6" })
        {
            foreach (string role in new[] { "querier", "non-querier", "older", "IGMPv1" })
            {
                if (role == "IGMPv1" && family == "v6")
                {
                    continue;
                }

                for (int i = 0; i < Rows.Length; i++)
                {
                    yield return new object[] { family, role, i, Rows[i].ToString() };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TableRow(string family, string role, int row, string description)
    {
        Row r = Rows[row];
        ProtocolVersion? protocol = role switch
        {
            "older" => family == "v4" ? ProtocolVersion.IGMPv2 : ProtocolVersion.MLDv1,
            "IGMPv1" => ProtocolVersion.IGMPv1,
            _ => null,
        };
        var h = new Harness(family, protocol: protocol);
        if (role == "non-querier")
        {
            h.Query(0, "r1", new QueryMessage(h.Protocol, h.V6 ? default : Addr.AnyV4, 10_000, false, 2, 125, 0));
            Assert.False(h.Iface.IsQuerier);
        }

        Build(h, r.State);
        Assert.Equal(r.State, Regex.Replace(h.Describe(Symbols).Split(' ')[0], ":[A-Z0-9]+", string.Empty));
        h.Port.Clear();
        h.Record(1_000, r.Record, r.Sources);
        (string state, string queries) = role switch
        {
            "querier" => (r.Querier, r.QuerierQueries),
            "non-querier" => (r.NonQuerier, ""),
            "older" => (r.Older, r.OlderQueries),
            _ => (r.V1, ""),
        };
        Assert.True(state == h.Describe(Symbols), $"{description} as {role}: {h.Describe(Symbols)}");
        Assert.Equal(queries, h.Queries());
        Assert.All(h.Port.Sent, s =>
        {
            Assert.Equal(1_000, s.Query.MaxRespMs);
            Assert.Equal(h.Protocol, s.Query.Version);
        });
    }

    /// <summary>
    /// EX(X,Y) BLOCK(A) with the filter timer at or below LMQT (a leave is being checked):
    /// the new sources get FT (A-X-Y = FT) and, since their timer is not above LMQT, are
    /// neither queried nor lowered (RFC 3376 §6.6.3.2 applies to timers larger than LMQT).
    /// </summary>
    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Block_in_exclude_below_LMQT_takes_the_filter_timer_and_asks_nothing(string family)
    {
        var h = new Harness(family);
        h.Record(0, "IS_EX", "c");
        h.Record(500, "ALLOW", "a");
        h.Record(800, "TO_IN", string.Empty, host: "h2"); // FT and a lowered to 2800
        h.Port.Clear();
        h.Record(1_000, "BLOCK", "a,b,c");
        Assert.Equal("EX{a:1800,b:1800|c} FT=1800", h.Describe(Symbols));
        Assert.Equal(string.Empty, h.Queries());
        h.At(2_799);
        Assert.Equal("EX{c}", h.View());
        h.At(2_800);
        Assert.Equal("none", h.View());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Block_in_exclude_exactly_at_LMQT_asks_nothing_more(string family)
    {
        var h = new Harness(family);
        h.Record(0, "IS_EX", "c");
        h.Record(500, "ALLOW", "a");
        h.Port.Clear();
        h.Record(1_000, "TO_IN", string.Empty, host: "h2"); // FT = a = LMQT exactly
        h.Record(1_000, "BLOCK", "a,b");
        Assert.Equal("EX{a:L,b:L|c} FT=L", h.Describe(Symbols));
        Assert.Equal("S0{a};G0", h.Queries()); // only the leave's queries
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

    private sealed record Row(
        string State,
        string Record,
        string Sources,
        string Querier,
        string QuerierQueries,
        string NonQuerier,
        string Older,
        string OlderQueries,
        string V1)
    {
        public override string ToString() => $"{State} {Record}({Sources})";
    }
}
