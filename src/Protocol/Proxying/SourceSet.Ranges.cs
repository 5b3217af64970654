using System;
using McProxy.Config.Model;

namespace McProxy.Protocol.Proxying;

// Filtering by a rule table's allowed sources, which are ranges (10.0.0.0/8, "*") rather than
// lists: "only a list" and "all except a list" are handled exactly, a range that is neither
// (and too large to enumerate) is approximated - see Filter.
internal sealed partial class SourceSet
{
    /// <summary>Upper bound for <c>expandLimit</c> (the enumeration uses stack space).</summary>
    public const int MaxExpandLimit = 256;

    /// <summary>
    /// this = a ∩ allowed, returning whether the result is exact.
    /// IN{A}: always exact (keep the allowed members of A).
    /// EX{A} (all but A): if the allowed set has at most <paramref name="expandLimit"/>
    /// addresses it is the list B and the result is IN{B−A}; if the disallowed set has at most
    /// that many it is the list C and the result is EX{A∪C}. Otherwise (e.g. "only 10.0.0.0/8"
    /// for an EXCLUDE{} request) no finite source list expresses the answer, and we WIDEN:
    /// EX{A ∪ the small disallowed pieces}, i.e. the group is still requested from every
    /// source the filter did not name singly. Why widen rather than drop the request: an
    /// IGMPv3/MLDv2 subscription cannot say "only this prefix", and dropping it would make a
    /// filter that explicitly allows sources of the group deliver nothing. The excess only
    /// reaches the upstream link: forwarding checks every concrete (S,G) against the same
    /// filters, so no disallowed source is ever routed to a downstream (tested).
    /// </summary>
    public bool Filter(SourceSet a, SourceRanges allowed, int expandLimit)
    {
        if (allowed.IsAll)
        {
            CopyFrom(a);
            return true;
        }

        if (allowed.IsEmpty)
        {
            Clear();
            return true;
        }

        if (a.Mode == FilterMode.Include)
        {
            FilterInclude(a, allowed);
            return true;
        }

        return FilterExclude(a, allowed, (ulong)Math.Clamp(expandLimit, 0, MaxExpandLimit));
    }

    private void FilterInclude(SourceSet a, SourceRanges allowed)
    {
        ReadOnlySpan<Addr> x = a.Sources;
        Span<Addr> dst = SpareFor(x.Length);
        int n = 0;
        foreach (Addr s in x)
        {
            if (allowed.Contains(s))
            {
                dst[n++] = s;
            }
        }

        Commit(FilterMode.Include, n);
    }

    private bool FilterExclude(SourceSet a, SourceRanges allowed, ulong limit)
    {
        ReadOnlySpan<Addr> x = a.Sources;
        Span<Addr> list = stackalloc Addr[(int)limit];
        if (allowed.SizeUpTo(limit + 1) <= limit)
        {
            int nb = SourceRanges.Expand(allowed.Ranges, list, limit);
            Commit(FilterMode.Include, SortedAddrs.Except(list[..nb], x, SpareFor(nb)));
            return true;
        }

        ReadOnlySpan<AddrRange> gaps = allowed.Gaps();
        bool exact = SourceRanges.SizeUpTo(gaps, limit + 1) <= limit;
        int nc = SourceRanges.Expand(gaps, list, limit);
        Commit(FilterMode.Exclude, SortedAddrs.Union(x, list[..nc], SpareFor(x.Length + nc)));
        return exact;
    }
}
