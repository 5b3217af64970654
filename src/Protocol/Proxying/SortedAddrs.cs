using System;

namespace McProxy.Protocol.Proxying;

/// <summary>
/// Set operations on strictly ascending address spans (linear merges; the destination must
/// not overlap an input and must hold the result: |a|+|b| for a union, |a| otherwise).
/// </summary>
internal static class SortedAddrs
{
    public static int Union(ReadOnlySpan<Addr> a, ReadOnlySpan<Addr> b, Span<Addr> dst)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            int c = a[i].CompareTo(b[j]);
            dst[n++] = c <= 0 ? a[i] : b[j];
            i += c <= 0 ? 1 : 0;
            j += c >= 0 ? 1 : 0;
        }

        a[i..].CopyTo(dst[n..]);
        n += a.Length - i;
        b[j..].CopyTo(dst[n..]);
        return n + b.Length - j;
    }

    public static int Intersect(ReadOnlySpan<Addr> a, ReadOnlySpan<Addr> b, Span<Addr> dst)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            int c = a[i].CompareTo(b[j]);
            if (c == 0)
            {
                dst[n++] = a[i];
            }

            i += c <= 0 ? 1 : 0;
            j += c >= 0 ? 1 : 0;
        }

        return n;
    }

    /// <summary>a − b.</summary>
    public static int Except(ReadOnlySpan<Addr> a, ReadOnlySpan<Addr> b, Span<Addr> dst)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length)
        {
            int c = j < b.Length ? a[i].CompareTo(b[j]) : -1;
            if (c < 0)
            {
                dst[n++] = a[i++];
            }
            else if (c == 0)
            {
                i++;
                j++;
            }
            else
            {
                j++;
            }
        }

        return n;
    }

    public static bool Contains(ReadOnlySpan<Addr> sorted, Addr a) => sorted.BinarySearch(a) >= 0;

    /// <summary>Sorts and removes duplicates in place; returns the new length.</summary>
    public static int Normalize(Span<Addr> items)
    {
        if (!IsStrictlyAscending(items))
        {
            items.Sort();
        }

        int n = 0;
        for (int i = 0; i < items.Length; i++)
        {
            if (n == 0 || items[n - 1] != items[i])
            {
                items[n++] = items[i];
            }
        }

        return n;
    }

    private static bool IsStrictlyAscending(ReadOnlySpan<Addr> items)
    {
        for (int i = 1; i < items.Length; i++)
        {
            if (items[i - 1] >= items[i])
            {
                return false;
            }
        }

        return true;
    }
}
