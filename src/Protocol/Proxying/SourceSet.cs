using System;

namespace McProxy.Protocol.Proxying;

/// <summary>
/// A set of sources as (INCLUDE, list) = "only these" or (EXCLUDE, list) = "all but these",
/// the representation of RFC 3376 §6.2.1 and of an upstream subscription. Lists are kept
/// strictly ascending. Operations write into this object and may alias an operand (they build
/// into a spare buffer and swap), so a few reused instances do all the proxy's set work
/// without allocating once their buffers have grown.
/// </summary>
internal sealed partial class SourceSet
{
    private Addr[] _items;
    private Addr[] _spare;
    private int _count;

    public SourceSet(int capacity = 8)
    {
        // Capacity 0: nothing until the first source (a group's applied set is mostly EXCLUDE {}).
        _items = capacity > 0 ? new Addr[capacity] : [];
        _spare = capacity > 0 ? new Addr[capacity] : [];
    }

    public FilterMode Mode { get; private set; }

    public ReadOnlySpan<Addr> Sources => _items.AsSpan(0, _count);

    public int Count => _count;

    /// <summary>INCLUDE{}: nothing wanted (an upstream subscription of this value means "not subscribed").</summary>
    public bool IsEmpty => Mode == FilterMode.Include && _count == 0;

    /// <summary>EXCLUDE{}: every source wanted.</summary>
    public bool IsAll => Mode == FilterMode.Exclude && _count == 0;

    /// <summary>Makes this INCLUDE{}.</summary>
    public void Clear()
    {
        Mode = FilterMode.Include;
        _count = 0;
    }

    /// <summary>Makes this EXCLUDE{}.</summary>
    public void SetAll()
    {
        Mode = FilterMode.Exclude;
        _count = 0;
    }

    /// <summary>Copies (mode, sources); the list need not be sorted or unique.</summary>
    public void Set(FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        EnsureCapacity(ref _items, sources.Length);
        sources.CopyTo(_items);
        _count = SortedAddrs.Normalize(_items.AsSpan(0, sources.Length));
        Mode = mode;
    }

    public void CopyFrom(SourceSet other)
    {
        if (!ReferenceEquals(other, this))
        {
            EnsureCapacity(ref _items, other._count);
            other.Sources.CopyTo(_items);
            _count = other._count;
            Mode = other.Mode;
        }
    }

    public bool SameAs(SourceSet other) => SameAs(other.Mode, other.Sources);

    public bool SameAs(FilterMode mode, ReadOnlySpan<Addr> sources) =>
        Mode == mode && Sources.SequenceEqual(sources);

    /// <summary>Whether <paramref name="source"/> is in the set (wanted).</summary>
    public bool Contains(Addr source) =>
        SortedAddrs.Contains(Sources, source) == (Mode == FilterMode.Include);

    public override string ToString() =>
        (Mode == FilterMode.Include ? "IN{" : "EX{") + string.Join(",", Sources.ToArray()) + "}";

    private static void EnsureCapacity(ref Addr[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new Addr[Math.Max(size, buffer.Length * 2)];
        }
    }

    // Makes the spare buffer hold at least size items, for an operation about to fill it.
    private Span<Addr> SpareFor(int size)
    {
        EnsureCapacity(ref _spare, size);
        return _spare;
    }

    // Publishes the spare buffer (filled with n items) as the new content.
    private void Commit(FilterMode mode, int n)
    {
        (_items, _spare) = (_spare, _items);
        _count = n;
        Mode = mode;
    }
}
