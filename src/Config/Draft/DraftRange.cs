
namespace McProxy.Config.Draft;

/// <summary>
/// One side of a rule ("group" or "source") as written: a wildcard, an address, a prefix A/n
/// or a range A - B. A null bound is open (written "*", "0.0.0.0" or "::"). The address family
/// is checked later by the validator, once the protocol is known.
/// </summary>
internal sealed class DraftRange
{
    public DraftRange(SourcePos pos, Addr? low, Addr? high, int prefix = -1)
    {
        Pos = pos;
        Low = low;
        High = high;
        Prefix = prefix;
    }

    public SourcePos Pos { get; }

    public Addr? Low { get; }

    public Addr? High { get; }

    /// <summary>Prefix length of "A/n", or -1.</summary>
    public int Prefix { get; }

    public static DraftRange Any(SourcePos pos) => new(pos, null, null);

    /// <summary>A single address; the unspecified address is a wildcard (docs/behaviour.md §2.3).</summary>
    public static DraftRange Single(SourcePos pos, Addr a) =>
        a.IsUnspecified ? Any(pos) : new DraftRange(pos, a, a);
}
