using System;
using System.Buffers.Binary;
using McProxy.Protocol;
using McProxy.Protocol.Wire;

namespace McProxy.Tests.Pipeline;

/// <summary>
/// Seeded membership traffic for the pipeline fuzz: valid messages over small pools of groups,
/// sources and hosts (so records interact: ALLOW/BLOCK/TO_IN on the same groups, several
/// hosts, competing queriers), then mutated at the byte level (bit flips, interesting values
/// in 8/16-bit fields, truncation, extension, splices), with the checksums repaired most of
/// the time so the mutations reach the parsers' deeper checks and the state machines.
/// </summary>
internal sealed class PacketSource
{
    private const int Ipv4HeaderLength = 24;
    private static readonly ushort[] Interesting16 = { 0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF };
    private static readonly byte[] Interesting8 = { 0, 1, 2, 4, 6, 7, 0x11, 0x12, 0x16, 0x17, 0x22, 0x7F, 0x80, 0x82, 0x83, 0x84, 0x8F, 0xFF };

    private readonly Random _rng;
    private readonly bool _v6;
    private readonly Addr[] _groups;
    private readonly Addr[] _sources;
    private readonly Addr[] _hosts;
    private readonly Addr[] _queriers;
    private readonly byte[] _message = new byte[70_000];
    private readonly Addr[] _recordSources = new Addr[12];

    public PacketSource(int seed, bool v6)
    {
        _rng = new Random(seed);
        _v6 = v6;
        _groups = Pool(24, i => v6 ? Addr.Parse($"ff15::{i + 1:x}") : Addr.FromV4(0xEF01_0000u + (uint)i + 1));
        // A few groups the pipeline must never manage, and one that is not multicast at all.
        _groups[20] = v6 ? Addr.Parse("ff02::fb") : Addr.Parse("224.0.0.251");
        _groups[21] = v6 ? Addr.Parse("ff01::1:3") : Addr.Parse("224.0.0.22");
        _groups[22] = v6 ? Addr.Parse("fd00::1") : Addr.Parse("10.9.9.9");
        _groups[23] = v6 ? Addr.Parse("ff35::1") : Addr.Parse("232.1.1.1"); // SSM (RFC 4604)
        _sources = Pool(12, i => v6 ? Addr.Parse($"fd01::{i + 2:x}") : Addr.FromV4(0x0A01_0000u + (uint)i + 2));
        _hosts = Pool(6, i => v6 ? Addr.Parse($"fe80::{i + 10:x}") : Addr.FromV4(0x0A02_0000u + (uint)i + 10));
        _hosts[5] = v6 ? Addr.None : Addr.AnyV4;   // RFC 3376 §4.2.13 / RFC 3810 §5.2.13: unspecified reporters
        _queriers = new[]
        {
            v6 ? Addr.Parse("fe80::0:1") : Addr.Parse("10.2.0.0"),     // lower than ours: wins
            v6 ? Addr.Parse("fe80::ffff") : Addr.Parse("10.2.0.200"),  // higher: loses
            v6 ? Addr.Parse("fd02::1") : Addr.Parse("1.2.3.4"),
        };
    }

    public Random Rng => _rng;

    /// <summary>IP source of the last packet (the MLD meta data's source).</summary>
    public Addr Source { get; private set; }

    /// <summary>IPv6 destination of the last packet (for the ICMPv6 pseudo-header).</summary>
    public Addr Destination { get; private set; }

    public int HopLimit { get; private set; }

    public Addr RandomGroup() => _groups[_rng.Next(20)];

    public Addr RandomSource() => _sources[_rng.Next(_sources.Length)];

    /// <summary>Writes the next packet (IPv4 with header, or ICMPv6) into <paramref name="dest"/>; returns its length.</summary>
    public int Next(Span<byte> dest, bool mutate)
    {
        int length = Message(_message);
        if (mutate)
        {
            length = Mutate(_message, length);
        }

        HopLimit = _rng.Next(20) == 0 ? _rng.Next(0, 256) : 1;
        if (_v6)
        {
            _message.AsSpan(0, length).CopyTo(dest);
            return length;
        }

        return WrapIpv4(_message.AsSpan(0, length), dest);
    }

    private int Message(Span<byte> m)
    {
        int kind = _rng.Next(100);
        Addr src = _hosts[_rng.Next(_hosts.Length)];
        // A host without an address sends only MLDv2 reports from :: (RFC 3810 §5.2.13; a router drops them).
        Source = _v6 && src.IsUnspecified && kind >= 45 ? _hosts[0] : src;
        Destination = Addr.Parse(_v6 ? "ff02::16" : "224.0.0.22");

        if (kind < 45)
        {
            return Report(m);
        }

        Addr group = Pick(_groups);
        if (kind < 75)
        {
            Destination = group;
            bool v1 = _rng.Next(4) == 0;
            return _v6
                ? MldCodec.BuildV1Report(group, Source, group, m)
                : v1 ? IgmpCodec.BuildV1Report(group, m) : IgmpCodec.BuildV2Report(group, m);
        }

        if (kind < 85)
        {
            Destination = Addr.Parse(_v6 ? "ff02::2" : "224.0.0.2");
            return _v6 ? MldCodec.BuildDone(group, Source, Destination, m) : IgmpCodec.BuildLeave(group, m);
        }

        return Query(m, group);
    }

    private int Report(Span<byte> m)
    {
        V3ReportWriter w = _v6 ? MldCodec.BeginV2Report(m) : IgmpCodec.BeginV3Report(m);
        int records = _rng.Next(10) == 0 ? _rng.Next(0, 40) : _rng.Next(1, 4);
        Span<Addr> sources = _recordSources;
        for (int i = 0; i < records; i++)
        {
            int n = _rng.Next(4) == 0 ? 0 : _rng.Next(0, sources.Length + 1);
            for (int s = 0; s < n; s++)
            {
                sources[s] = Pick(_sources);
            }

            byte type = _rng.Next(30) == 0 ? (byte)_rng.Next(256) : (byte)_rng.Next(1, 7);
            w.AddRawRecord(type, Pick(_groups), sources[..n], _rng.Next(8) == 0 ? _rng.Next(0, 3) : 0);
        }

        return _v6 ? w.Finish(Source, Destination) : w.Finish();
    }

    private int Query(Span<byte> m, Addr group)
    {
        Addr querier = _queriers[_rng.Next(_queriers.Length)];
        Source = querier;

        int shape = _rng.Next(3);
        Span<Addr> sources = stackalloc Addr[4];
        int n = shape == 2 ? _rng.Next(1, 5) : 0;
        for (int i = 0; i < n; i++)
        {
            sources[i] = Pick(_sources);
        }

        Addr none = _v6 ? Addr.None : Addr.AnyV4;
        ProtocolVersion version = _v6
            ? (_rng.Next(4) == 0 ? ProtocolVersion.MLDv1 : ProtocolVersion.MLDv2)
            : (ProtocolVersion)_rng.Next((int)ProtocolVersion.IGMPv1, (int)ProtocolVersion.IGMPv3 + 1);
        if (!version.IsSourceFiltering())
        {
            n = 0;
            shape = Math.Min(shape, version == ProtocolVersion.IGMPv1 ? 0 : 1);
        }

        var q = new QueryMessage(version, shape == 0 ? none : group, _rng.Next(100, 30_000), _rng.Next(3) == 0, _rng.Next(0, 9), _rng.Next(1, 300), n);
        // Queries go to all-systems or the group (RFC 3376 §4.1.12, RFC 3810 §5.1.15); now and
        // then elsewhere, as a rogue querier sends them (unicast to the router, another group).
        Destination = _rng.Next(20) == 0 ? (_rng.Next(2) == 0 ? Pick(_groups) : _hosts[0])
            : shape == 0 ? Addr.Parse(_v6 ? "ff02::1" : "224.0.0.1") : group;
        if (!q.IsGeneral && !GroupValidity.IsMulticast(group, _v6))
        {
            q = q with { Group = none, SourceCount = 0 };
            n = 0;
        }

        return _v6 ? MldCodec.BuildQuery(q, sources[..n], Source, Destination, m) : IgmpCodec.BuildQuery(q, sources[..n], m);
    }

    private int Mutate(byte[] m, int length)
    {
        int edits = 1 + _rng.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int at = length == 0 ? 0 : _rng.Next(length);
            switch (_rng.Next(7))
            {
                case 0 when length > 0:
                    m[at] ^= (byte)(1 << _rng.Next(8));
                    break;
                case 1 when length > 0:
                    m[at] = Interesting8[_rng.Next(Interesting8.Length)];
                    break;
                case 2 when length > 1:
                    at = Math.Min(at, length - 2);
                    BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(at), Interesting16[_rng.Next(Interesting16.Length)]);
                    break;
                case 3:
                    length = at;
                    break;
                case 4:
                    int extra = _rng.Next(1, 64);
                    _rng.NextBytes(m.AsSpan(length, extra));
                    length += extra;
                    break;
                case 5 when length > 8:
                    // The counts live at fixed places: number of records (6..7) / sources of a query.
                    int field = _rng.Next(2) == 0 ? 6 : (_v6 ? 26 : 10);
                    if (field + 2 <= length)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(field), (ushort)_rng.Next(0, 70_000));
                    }

                    break;
                default:
                    int from = _rng.Next(Math.Max(1, length));
                    int count = Math.Min(_rng.Next(1, 32), length - from);
                    if (count > 0 && at + count < m.Length)
                    {
                        m.AsSpan(from, count).CopyTo(m.AsSpan(at));
                        length = Math.Max(length, at + count);
                    }

                    break;
            }
        }

        if (length >= 4 && _rng.Next(10) < 7)
        {
            m[2] = 0;
            m[3] = 0;
            ushort sum = _v6
                ? InetChecksum.ComputeIcmpv6(Source, Destination, m.AsSpan(0, length))
                : InetChecksum.Compute(m.AsSpan(0, length));
            BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(2), sum);
        }

        return length;
    }

    // RFC 791 header with a Router Alert (RFC 2113), TTL 1 (sometimes not), to Destination.
    private int WrapIpv4(ReadOnlySpan<byte> igmp, Span<byte> dest)
    {
        Span<byte> h = dest[..Ipv4HeaderLength];
        h.Clear();
        h[0] = 0x46;
        h[1] = 0xC0;
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)Math.Min(ushort.MaxValue, Ipv4HeaderLength + igmp.Length));
        h[8] = (byte)HopLimit;
        h[9] = 2;
        Source.WriteTo(h[12..]);
        Destination.WriteTo(h[16..]);
        h[20] = 0x94;
        h[21] = 4;
        if (_rng.Next(40) == 0)
        {
            // Header damage the kernel would normally catch first.
            h[_rng.Next(Ipv4HeaderLength)] = Interesting8[_rng.Next(Interesting8.Length)];
        }

        igmp.CopyTo(dest[Ipv4HeaderLength..]);
        return Ipv4HeaderLength + igmp.Length;
    }

    private T Pick<T>(T[] pool) => pool[_rng.Next(pool.Length)];

    private static Addr[] Pool(int n, Func<int, Addr> make)
    {
        var pool = new Addr[n];
        for (int i = 0; i < n; i++)
        {
            pool[i] = make(i);
        }

        return pool;
    }
}
