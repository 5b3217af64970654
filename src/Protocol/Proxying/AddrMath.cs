namespace McProxy.Protocol.Proxying;

/// <summary>128-bit neighbours and range sizes of addresses, for source range arithmetic.</summary>
internal static class AddrMath
{
    public static Addr Next(Addr a) => a.Lo == ulong.MaxValue ? new Addr(a.Hi + 1, 0) : new Addr(a.Hi, a.Lo + 1);

    public static Addr Prev(Addr a) => a.Lo == 0 ? new Addr(a.Hi - 1, ulong.MaxValue) : new Addr(a.Hi, a.Lo - 1);

    /// <summary>Number of addresses in [low, high], saturated at <paramref name="cap"/>.</summary>
    public static ulong SizeUpTo(Addr low, Addr high, ulong cap)
    {
        ulong borrow = high.Lo < low.Lo ? 1UL : 0UL;
        ulong diffHi = high.Hi - low.Hi - borrow;
        ulong diffLo = high.Lo - low.Lo;
        if (diffHi != 0 || diffLo >= cap)
        {
            return cap;
        }

        return diffLo + 1 > cap ? cap : diffLo + 1;
    }
}
