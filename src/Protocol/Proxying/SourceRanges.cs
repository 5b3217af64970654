using System;
using McProxy.Config.Model;

namespace McProxy.Protocol.Proxying;

/// <summary>
/// The sources a filter allows for one group (and one interface qualifier), as sorted,
/// disjoint, non-adjacent inclusive ranges within the family. A whitelist allows the union of
/// the source parts of its rules that match the group; a blacklist allows the complement of
/// that union (docs/behaviour.md §2.3). Reused scratch object: no allocation once grown.
/// </summary>
internal sealed class SourceRanges
{
    private AddrRange[] _ranges = new AddrRange[8];
    private AddrRange[] _spare = new AddrRange[8];
    private int _count;
    private AddrRange _bounds = AddrRange.All(IpFamily.V4);

    public ReadOnlySpan<AddrRange> Ranges => _ranges.AsSpan(0, _count);

    public bool IsEmpty => _count == 0;

    public bool IsAll => _count == 1 && _ranges[0] == _bounds;

    /// <summary>Makes this the set <paramref name="binding"/> allows for <paramref name="group"/>; no binding allows all.</summary>
    public void Load(FilterBinding? binding, string? qualifier, Addr group)
    {
        _bounds = AddrRange.All(group.Family);
        _count = 0;
        if (binding is null)
        {
            Add(_bounds);
            return;
        }

        foreach (Rule rule in binding.Table.Rules.AsSpan())
        {
            if ((rule.Interface is null || rule.Interface == qualifier) && rule.Group.Contains(group))
            {
                Add(rule.Source);
            }
        }

        Normalize();
        if (binding.Kind == FilterKind.Blacklist)
        {
            Complement();
        }
    }

    /// <summary>Sets explicit ranges (tests and callers building sets by hand).</summary>
    public void Set(IpFamily family, ReadOnlySpan<AddrRange> ranges)
    {
        _bounds = AddrRange.All(family);
        _count = 0;
        foreach (AddrRange r in ranges)
        {
            Add(r);
        }

        Normalize();
    }

    public bool Contains(Addr a)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_ranges[i].Contains(a))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Number of addresses allowed, saturated at <paramref name="cap"/>.</summary>
    public ulong SizeUpTo(ulong cap) => SizeUpTo(Ranges, cap);

    /// <summary>
    /// The family's addresses outside the set, as ranges (valid until the next call on this
    /// object; computed into a spare buffer, the set itself is unchanged).
    /// </summary>
    public ReadOnlySpan<AddrRange> Gaps()
    {
        EnsureSpare(_count + 1);
        int n = 0;
        Addr next = _bounds.Low;
        bool open = true;
        foreach (AddrRange r in Ranges)
        {
            if (r.Low > next)
            {
                _spare[n++] = new AddrRange(next, AddrMath.Prev(r.Low));
            }

            open = r.High < _bounds.High;
            next = open ? AddrMath.Next(r.High) : r.High;
        }

        if (open)
        {
            _spare[n++] = new AddrRange(next, _bounds.High);
        }

        return _spare.AsSpan(0, n);
    }

    /// <summary>Replaces the set by the family's addresses it does not contain.</summary>
    public void Complement()
    {
        int n = Gaps().Length;
        (_spare, _ranges) = (_ranges, _spare);
        _count = n;
    }

    /// <summary>Total size of <paramref name="pieces"/>, saturated at <paramref name="cap"/>.</summary>
    public static ulong SizeUpTo(ReadOnlySpan<AddrRange> pieces, ulong cap)
    {
        ulong total = 0;
        foreach (AddrRange r in pieces)
        {
            total += AddrMath.SizeUpTo(r.Low, r.High, cap);
            if (total >= cap)
            {
                return cap;
            }
        }

        return total;
    }

    /// <summary>
    /// Writes, in ascending order, every address of each piece of at most
    /// <paramref name="maxPiece"/> addresses, as long as <paramref name="dst"/> has room;
    /// larger pieces are skipped. Returns the count written.
    /// </summary>
    public static int Expand(ReadOnlySpan<AddrRange> pieces, Span<Addr> dst, ulong maxPiece)
    {
        int n = 0;
        foreach (AddrRange r in pieces)
        {
            ulong size = AddrMath.SizeUpTo(r.Low, r.High, maxPiece + 1);
            if (size > maxPiece || size > (ulong)(dst.Length - n))
            {
                continue;
            }

            Addr a = r.Low;
            for (ulong k = 0; k < size; k++)
            {
                dst[n++] = a;
                a = AddrMath.Next(a);
            }
        }

        return n;
    }

    private void EnsureSpare(int size)
    {
        if (_spare.Length < size)
        {
            _spare = new AddrRange[Math.Max(size, _spare.Length * 2)];
        }
    }

    private void Add(AddrRange r)
    {
        Addr low = r.Low < _bounds.Low ? _bounds.Low : r.Low;
        Addr high = r.High > _bounds.High ? _bounds.High : r.High;
        if (low > high)
        {
            return;
        }

        if (_count == _ranges.Length)
        {
            Array.Resize(ref _ranges, _ranges.Length * 2);
        }

        _ranges[_count++] = new AddrRange(low, high);
    }

    // Insertion sort by low bound (rule lists are short), then merge overlapping or adjacent ranges.
    private void Normalize()
    {
        for (int i = 1; i < _count; i++)
        {
            AddrRange x = _ranges[i];
            int j = i - 1;
            while (j >= 0 && _ranges[j].Low > x.Low)
            {
                _ranges[j + 1] = _ranges[j];
                j--;
            }

            _ranges[j + 1] = x;
        }

        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            AddrRange r = _ranges[i];
            if (n > 0 && Touches(_ranges[n - 1], r))
            {
                AddrRange last = _ranges[n - 1];
                _ranges[n - 1] = new AddrRange(last.Low, r.High > last.High ? r.High : last.High);
            }
            else
            {
                _ranges[n++] = r;
            }
        }

        _count = n;
    }

    private bool Touches(AddrRange left, AddrRange right) =>
        right.Low <= left.High || (left.High < _bounds.High && right.Low == AddrMath.Next(left.High));
}
