using System;
using McProxy.Protocol;
using McProxy.Protocol.Wire;

namespace McProxy.Tests.Wire;

/// <summary>Seeded generators of valid messages for round-trip and robustness tests.</summary>
internal sealed class RandomMessages
{
    public static readonly Addr MldSource = Addr.Parse("fe80::1234");
    public static readonly Addr MldDestination = Addr.Parse("ff02::16");

    private readonly Random _rng;

    public RandomMessages(int seed) => _rng = new Random(seed);

    public Random Rng => _rng;

    /// <summary>A managed (multicast, not link-local) group of the family.</summary>
    public Addr Group(bool v6)
    {
        if (!v6)
        {
            while (true)
            {
                Addr a = Addr.FromV4(0xE000_0000u | (uint)_rng.Next(0, 1 << 28));
                if (!a.IsLinkLocalScopeMulticast)
                {
                    return a;
                }
            }
        }

        ulong hi = (0xFFUL << 56) | ((ulong)_rng.Next(0, 16) << 52) | ((ulong)_rng.Next(3, 16) << 48) | (uint)_rng.Next();
        return new Addr(hi, (ulong)_rng.NextInt64());
    }

    public Addr Unicast(bool v6) =>
        v6 ? new Addr(0x2001_0db8_0000_0000UL | (uint)_rng.Next(), (ulong)_rng.NextInt64())
           : Addr.FromV4((uint)_rng.Next(0x0100_0000, 0x7FFF_FFFF));

    public Addr[] Sources(bool v6, int max)
    {
        var s = new Addr[_rng.Next(0, max + 1)];
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = Unicast(v6);
        }

        return s;
    }

    public QueryMessage Query(ProtocolVersion version, out Addr[] sources)
    {
        bool v6 = version.Family() == IpFamily.V6;
        bool sf = version.IsSourceFiltering();
        int shape = version == ProtocolVersion.IGMPv1 ? 0 : _rng.Next(0, sf ? 3 : 2);
        Addr group = shape == 0 ? (v6 ? Addr.None : Addr.AnyV4) : Group(v6);
        sources = shape == 2 ? Sources(v6, 40) : Array.Empty<Addr>();
        if (shape == 2 && sources.Length == 0)
        {
            sources = new[] { Unicast(v6) };
        }

        return new QueryMessage(
            version,
            group,
            _rng.Next(0, 4) == 0 ? _rng.Next(0, 10_000_000) : _rng.Next(0, 30_000),
            _rng.Next(0, 2) == 0,
            _rng.Next(0, 10),
            _rng.Next(0, 40_000),
            sources.Length);
    }

    /// <summary>Writes a v3 report with 1..maxRecords usable records; returns its length.</summary>
    public int Report(bool v6, Span<byte> dest, int maxRecords, int maxSources)
    {
        V3ReportWriter w = v6 ? MldCodec.BeginV2Report(dest) : IgmpCodec.BeginV3Report(dest);
        int records = _rng.Next(1, maxRecords + 1);
        for (int i = 0; i < records; i++)
        {
            w.AddRecord((RecordType)_rng.Next(1, 7), Group(v6), Sources(v6, maxSources), _rng.Next(0, 3));
        }

        return v6 ? w.Finish(MldSource, MldDestination) : w.Finish();
    }
}
