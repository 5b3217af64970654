using System.Collections.Generic;
using McProxy.Config.Model;
using McProxy.Protocol;

namespace McProxy.Config;

/// <summary>
/// Compiles an ordered first-match allow/deny list of (group range, source range) entries into
/// one rule table used as a whitelist or a blacklist, which is what the filter model holds
/// (tables are unordered unions of rules). The group and source axes are cut at every entry
/// boundary; each cell gets the decision of the first entry that contains it, or "allow" when
/// none does; equal neighbours are merged back into rectangles. The shorter of the allowed and
/// the denied rule lists is kept (ties: blacklist).
/// </summary>
internal static class GroupList
{
    /// <summary>Entries per list: the compilation is cubic in the worst case.</summary>
    public const int MaxEntries = 256;

    public readonly record struct Entry(bool Allow, AddrRange Group, AddrRange Source);

    /// <summary>Null when the list allows everything (no filter needed), else the table and its kind.</summary>
    public static (FilterKind Kind, Rule[] Rules)? Compile(IReadOnlyList<Entry> entries, IpFamily family)
    {
        AddrRange all = AddrRange.All(family);
        List<AddrRange> groupCells = Cells(entries, all, group: true);
        List<AddrRange> sourceCells = Cells(entries, all, group: false);

        // Per group cell: the allowed source ranges (merged), then runs of equal group cells.
        var allowed = new List<(AddrRange Group, List<AddrRange> Sources)>();
        var denied = new List<(AddrRange Group, List<AddrRange> Sources)>();
        var covering = new List<Entry>();
        foreach (AddrRange g in groupCells)
        {
            covering.Clear();
            foreach (Entry e in entries)
            {
                if (e.Group.Contains(g.Low))
                {
                    covering.Add(e);
                }
            }

            var yes = new List<AddrRange>();
            var no = new List<AddrRange>();
            foreach (AddrRange s in sourceCells)
            {
                Append(Decide(covering, s.Low) ? yes : no, s);
            }

            AppendRun(allowed, g, yes);
            AppendRun(denied, g, no);
        }

        List<Rule> allow = Rules(allowed);
        List<Rule> deny = Rules(denied);
        if (deny.Count == 0)
        {
            return null;
        }

        return deny.Count <= allow.Count ? (FilterKind.Blacklist, deny.ToArray()) : (FilterKind.Whitelist, allow.ToArray());
    }

    /// <summary>The first entry containing the source decides; no entry: allow.</summary>
    private static bool Decide(List<Entry> covering, Addr source)
    {
        foreach (Entry e in covering)
        {
            if (e.Source.Contains(source))
            {
                return e.Allow;
            }
        }

        return true;
    }

    /// <summary>The family's range cut at every entry boundary of one axis, in order.</summary>
    private static List<AddrRange> Cells(IReadOnlyList<Entry> entries, AddrRange all, bool group)
    {
        var starts = new List<Addr>((2 * entries.Count) + 1) { all.Low };
        foreach (Entry e in entries)
        {
            AddrRange r = group ? e.Group : e.Source;
            InsertSorted(starts, r.Low);
            if (r.High != all.High)
            {
                InsertSorted(starts, AddrMath.Next(r.High));
            }
        }

        var cells = new List<AddrRange>(starts.Count);
        for (int i = 0; i < starts.Count; i++)
        {
            cells.Add(new AddrRange(starts[i], i + 1 < starts.Count ? AddrMath.Previous(starts[i + 1]) : all.High));
        }

        return cells;
    }

    /// <summary>
    /// Keeps the list sorted and free of duplicates (a hand-written insertion: a generic sorted
    /// collection of <see cref="Addr"/> costs the AOT binary some 20 KB).
    /// </summary>
    private static void InsertSorted(List<Addr> list, Addr a)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = list[mid].CompareTo(a);
            if (c == 0)
            {
                return;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        list.Insert(lo, a);
    }

    /// <summary>Adds a range, joining it to the last one when they touch.</summary>
    private static void Append(List<AddrRange> ranges, AddrRange r)
    {
        if (ranges.Count > 0 && AddrMath.Next(ranges[^1].High) == r.Low)
        {
            ranges[^1] = ranges[^1] with { High = r.High };
        }
        else
        {
            ranges.Add(r);
        }
    }

    /// <summary>Extends the last run when the group cells touch and have the same sources.</summary>
    private static void AppendRun(List<(AddrRange Group, List<AddrRange> Sources)> runs, AddrRange g, List<AddrRange> sources)
    {
        if (sources.Count == 0)
        {
            return;
        }

        if (runs.Count > 0 && AddrMath.Next(runs[^1].Group.High) == g.Low && Same(runs[^1].Sources, sources))
        {
            runs[^1] = (runs[^1].Group with { High = g.High }, sources);
        }
        else
        {
            runs.Add((g, sources));
        }
    }

    private static bool Same(List<AddrRange> a, List<AddrRange> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static List<Rule> Rules(List<(AddrRange Group, List<AddrRange> Sources)> runs)
    {
        var rules = new List<Rule>();
        foreach ((AddrRange group, List<AddrRange> sources) in runs)
        {
            foreach (AddrRange source in sources)
            {
                rules.Add(new Rule(null, group, source));
            }
        }

        return rules;
    }
}
