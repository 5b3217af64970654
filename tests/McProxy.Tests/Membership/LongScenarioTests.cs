using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>
/// Hours of simulated time: an IGMPv3/MLDv2 host answers every query, an IGMPv2/MLDv1 host joins
/// for an hour and leaves, then the first host goes silent. Every timer must fire at the exact
/// millisecond the RFCs give (no drift, no rounding to seconds).
/// </summary>
public class LongScenarioTests
{
    private const long Hour = 3_600_000;

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Hosts_join_and_leave_over_hours_and_timers_fire_on_the_ms(string family)
    {
        var h = new Harness(family, start: false);
        var pending = new List<(long T, Action Act)>();
        long lastH1 = -1;
        long lastV2 = -1;
        bool h1Active = true;
        bool h2Active = false;
        var viewChanges = new List<(long T, string View)>();
        var compatChanges = new List<(long T, string Compat)>();
        string view = "none";
        string compat = "none";
        int seen = 0;

        void H1Report(long t)
        {
            h.Record(t, "IS_EX", string.Empty, host: "h1");
            lastH1 = t;
        }

        pending.Add((Hour, () => { h2Active = true; h.V2Report(Hour, host: "h2"); lastV2 = Hour; }));
        pending.Add((2 * Hour, () => { h2Active = false; h.Leave(2 * Hour, host: "h2"); }));
        pending.Add((5 * Hour, () => h1Active = false));
        h.Iface.Start(0);
        long end = 6 * Hour;
        while (true)
        {
            long nextEvent = pending.Count > 0 ? pending.Min(p => p.T) : long.MaxValue;
            long next = Math.Min(nextEvent, h.Iface.NextDeadline);
            if (next > end)
            {
                break;
            }

            h.At(next);
            foreach (var due in pending.Where(p => p.T == next).ToList())
            {
                pending.Remove(due);
                due.Act();
            }

            for (; seen < h.Port.Sent.Count; seen++)
            {
                var (t, q, _) = h.Port.Sent[seen];
                if (h1Active)
                {
                    long at = t + (q.IsGeneral ? 3_000 : 500);
                    pending.Add((at, () => H1Report(at)));
                }

                if (h2Active && q.IsGeneral)
                {
                    long at = t + 5_000;
                    pending.Add((at, () => { h.V2Report(at, host: "h2"); lastV2 = at; }));
                }
            }

            string v = h.View();
            if (v != view)
            {
                viewChanges.Add((next, v));
                view = v;
            }

            string c = h.Status()?.CompatVersion.ToString() ?? "none";
            if (c != compat)
            {
                compatChanges.Add((next, c));
                compat = c;
            }
        }

        string v3 = family == "v4" ? "IGMPv3" : "MLDv2";
        string v2 = family == "v4" ? "IGMPv2" : "MLDv1";
        Assert.Equal(new[] { (3_000L, "EX{}"), (lastH1 + 260_000, "none") }, viewChanges);
        Assert.Equal(new[] { (3_000L, v3), (Hour, v2), (lastV2 + 260_000, v3), (lastH1 + 260_000, "none") }, compatChanges);
        Assert.True(lastH1 < 5 * Hour && lastH1 > 5 * Hour - 125_000);

        long[] general = h.Port.Sent.Where(s => s.Query.IsGeneral).Select(s => s.Time).ToArray();
        long[] expected = new[] { 0L }.Concat(Enumerable.Range(0, 1 + (int)((end - 31_250) / 125_000)).Select(k => 31_250 + (k * 125_000L))).ToArray();
        Assert.Equal(expected, general);

        // The leave at 2 h: two group-specific queries 1 s apart, the second with S set (h1 answered).
        var specific = h.Port.Sent.Where(s => !s.Query.IsGeneral).ToArray();
        Assert.Equal(new[] { (2 * Hour, false), ((2 * Hour) + 1_000, true) }, specific.Select(s => (s.Time, s.Query.SuppressRouterProcessing)));
    }
}
