using System;

namespace McProxy.Protocol.Proxying;

// The set algebra. A set is IN{X} ("only X") or EX{X} ("all but X"); every identity below is
// ordinary set algebra written in that representation.
internal sealed partial class SourceSet
{
    /// <summary>
    /// this = a ∪ b: the RFC 4605 §4.1 merge of two membership states (docs/behaviour.md §4.6).
    /// IN(A)+IN(B)=IN(A∪B), IN(A)+EX(B)=EX(B−A), EX(A)+IN(B)=EX(A−B), EX(A)+EX(B)=EX(A∩B).
    /// </summary>
    public void Merge(SourceSet a, SourceSet b)
    {
        ReadOnlySpan<Addr> x = a.Sources;
        ReadOnlySpan<Addr> y = b.Sources;
        Span<Addr> dst = SpareFor(x.Length + y.Length);
        switch (a.Mode, b.Mode)
        {
            case (FilterMode.Include, FilterMode.Include):
                Commit(FilterMode.Include, SortedAddrs.Union(x, y, dst));
                break;
            case (FilterMode.Include, FilterMode.Exclude):
                Commit(FilterMode.Exclude, SortedAddrs.Except(y, x, dst));
                break;
            case (FilterMode.Exclude, FilterMode.Include):
                Commit(FilterMode.Exclude, SortedAddrs.Except(x, y, dst));
                break;
            default:
                Commit(FilterMode.Exclude, SortedAddrs.Intersect(x, y, dst));
                break;
        }
    }

    /// <summary>
    /// this = a ∩ b. With b as a filter's allowed set, this is the corrected filter algebra of
    /// docs/behaviour.md §3: IN{A}+WL{B}=IN{A∩B}, IN{A}+BL{B}=IN{A−B}, EX{A}+WL{B}=IN{B−A},
    /// EX{A}+BL{B}=EX{A∪B} (WL{B} = IN{B}, BL{B} = EX{B}).
    /// </summary>
    public void Intersect(SourceSet a, SourceSet b)
    {
        ReadOnlySpan<Addr> x = a.Sources;
        ReadOnlySpan<Addr> y = b.Sources;
        Span<Addr> dst = SpareFor(x.Length + y.Length);
        switch (a.Mode, b.Mode)
        {
            case (FilterMode.Include, FilterMode.Include):
                Commit(FilterMode.Include, SortedAddrs.Intersect(x, y, dst));
                break;
            case (FilterMode.Include, FilterMode.Exclude):
                Commit(FilterMode.Include, SortedAddrs.Except(x, y, dst));
                break;
            case (FilterMode.Exclude, FilterMode.Include):
                Commit(FilterMode.Include, SortedAddrs.Except(y, x, dst));
                break;
            default:
                Commit(FilterMode.Exclude, SortedAddrs.Union(x, y, dst));
                break;
        }
    }

    /// <summary>this = a − b (a ∩ ¬b, where ¬IN{B} = EX{B} and ¬EX{B} = IN{B}).</summary>
    public void Subtract(SourceSet a, SourceSet b)
    {
        ReadOnlySpan<Addr> x = a.Sources;
        ReadOnlySpan<Addr> y = b.Sources;
        Span<Addr> dst = SpareFor(x.Length + y.Length);
        switch (a.Mode, b.Mode)
        {
            case (FilterMode.Include, FilterMode.Include):
                Commit(FilterMode.Include, SortedAddrs.Except(x, y, dst));
                break;
            case (FilterMode.Include, FilterMode.Exclude):
                Commit(FilterMode.Include, SortedAddrs.Intersect(x, y, dst));
                break;
            case (FilterMode.Exclude, FilterMode.Include):
                Commit(FilterMode.Exclude, SortedAddrs.Union(x, y, dst));
                break;
            default:
                Commit(FilterMode.Include, SortedAddrs.Except(y, x, dst));
                break;
        }
    }
}
