using McProxy.Config.Model;
using McProxy.Protocol;

namespace McProxy.Config;

/// <summary>Prefix arithmetic on <see cref="Addr"/> for rule ranges.</summary>
internal static class AddrMath
{
    /// <summary>[A with host bits cleared, A with host bits set]; n is within the family's width.</summary>
    public static AddrRange Prefix(Addr a, int n)
    {
        if (a.IsV4)
        {
            uint mask = n == 0 ? 0u : uint.MaxValue << (32 - n);
            return new AddrRange(Addr.FromV4(a.V4 & mask), Addr.FromV4(a.V4 | ~mask));
        }

        ulong hiMask = n >= 64 ? ulong.MaxValue : n == 0 ? 0UL : ulong.MaxValue << (64 - n);
        ulong loMask = n <= 64 ? 0UL : n == 128 ? ulong.MaxValue : ulong.MaxValue << (128 - n);
        return new AddrRange(new Addr(a.Hi & hiMask, a.Lo & loMask), new Addr(a.Hi | ~hiMask, a.Lo | ~loMask));
    }

    /// <summary>The prefix length if the range is exactly one prefix, else -1.</summary>
    public static int PrefixLength(AddrRange r)
    {
        int width = r.Low.IsV4 ? 32 : 128;
        for (int n = width; n >= 0; n--)
        {
            AddrRange p = Prefix(r.Low, n);
            if (p.Low == r.Low && p.High == r.High)
            {
                return n;
            }

            if (p.Low != r.Low || p.High > r.High)
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The next address of the same family; the caller keeps below the family's last.</summary>
    public static Addr Next(Addr a) => a.IsV4 ? Addr.FromV4(a.V4 + 1) : new Addr(a.Lo == ulong.MaxValue ? a.Hi + 1 : a.Hi, a.Lo + 1);

    /// <summary>The previous address of the same family; the caller keeps above the family's first.</summary>
    public static Addr Previous(Addr a) => a.IsV4 ? Addr.FromV4(a.V4 - 1) : new Addr(a.Lo == 0 ? a.Hi - 1 : a.Hi, a.Lo - 1);
}
