using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class RobustnessTests
{
    private static readonly string[] IgmpGolden =
    {
        WireTestData.V1Report, WireTestData.V2Report, WireTestData.Leave, WireTestData.V1Query, WireTestData.V2GeneralQuery,
        WireTestData.V2GroupQuery, WireTestData.V3GeneralQuery, WireTestData.V3GroupSourceQuery, WireTestData.V3Report,
    };

    private static readonly (string Hex, string Src, string Dst)[] MldGolden =
    {
        (WireTestData.MldV1GeneralQuery, "fe80::1", "ff02::1"),
        (WireTestData.MldV1Report, "fe80::1", "ff05::1:3"),
        (WireTestData.MldDone, "fe80::1", "ff02::2"),
        (WireTestData.MldV2GeneralQuery, "fe80::1", "ff02::1"),
        (WireTestData.MldV2GroupSourceQuery, "fe80::1", "ff3e::8000:1"),
        (WireTestData.MldV2ReportLinkLocal, "fe80::1", "ff02::16"),
    };

    [Fact]
    public void EveryTruncationIsDropped()
    {
        foreach (string hex in IgmpGolden)
        {
            CheckPrefixes(WireTestData.Hex(hex), false, WireTestData.Igmp(), WireTestData.Igmp() with { ChecksumVerified = true });
        }

        foreach ((string hex, string src, string dst) in MldGolden)
        {
            CheckPrefixes(WireTestData.Hex(hex), true, WireTestData.Mld(src, dst), WireTestData.Mld(src, dst, verified: true));
        }

        var gen = new RandomMessages(77);
        byte[] buf = new byte[4096];
        for (int i = 0; i < 300; i++)
        {
            bool v6 = (i & 1) == 1;
            int len = gen.Report(v6, buf, 5, 5);
            ReceiveMeta meta = v6 ? new ReceiveMeta(RandomMessages.MldSource, RandomMessages.MldDestination, 1, true)
                                  : WireTestData.Igmp();
            CheckPrefixes(buf.AsSpan(0, len).ToArray(), v6, meta, meta with { ChecksumVerified = true });
        }
    }

    [Fact]
    public void EverySingleBitFlipIsDetected()
    {
        foreach (string hex in IgmpGolden)
        {
            FlipAll(WireTestData.Hex(hex), m => IgmpCodec.Parse(m, WireTestData.Igmp(), out _));
        }

        foreach ((string hex, string src, string dst) in MldGolden)
        {
            ReceiveMeta meta = WireTestData.Mld(src, dst);
            FlipAll(WireTestData.Hex(hex), m => MldCodec.Parse(m, meta, out _));
        }
    }

    [Fact]
    public void OverflowingCountsAreRejected()
    {
        ReceiveMeta v4 = WireTestData.Igmp();
        byte[] r = WireTestData.Hex(WireTestData.V3Report);
        Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(Patch16(r, 6, 5), v4, out _));          // 5 records claimed, 4 present
        Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(Patch16(r, 6, 0xFFFF), v4, out _));
        Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(Patch16(r, 10, 3), v4, out _));         // first record: 3 sources
        Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(Patch16(r, 10, 0xFFFF), v4, out _));
        Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(Patch8(r, 9, 200), v4, out _));          // aux length
        Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(Patch8(r, r.Length - 7, 1), v4, out _)); // last record aux runs out
        Assert.Equal(DropReason.None, IgmpCodec.Parse(Patch16(r, 6, 3), v4, out MembershipMessage fewer)); // trailing bytes tolerated
        Assert.Equal(2, fewer.UsableRecordCount);   // IS_IN and BLOCK; the unknown type is skipped

        // mcproxy's remote crash: a 16-byte IGMPv3 report whose only record claims 65535 sources.
        byte[] crash = IgmpParseTests.WithChecksum(WireTestData.Hex("22000000000000010100ffffef010203"));
        Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(crash, v4, out _));

        ReceiveMeta v6 = WireTestData.Mld("fe80::1", "ff02::16", verified: true);
        byte[] m = WireTestData.Hex(WireTestData.MldV2Report);
        Assert.Equal(DropReason.BadLength, MldCodec.Parse(Patch16(m, 6, 4), v6, out _));
        Assert.Equal(DropReason.BadLength, MldCodec.Parse(Patch16(m, 10, 2), v6, out _));
        Assert.Equal(DropReason.BadLength, MldCodec.Parse(Patch8(m, 9, 255), v6, out _));
        byte[] q = WireTestData.Hex(WireTestData.MldV2GroupSourceQuery);
        Assert.Equal(DropReason.BadLength, MldCodec.Parse(Patch16(q, 26, 2), v6 with { Source = WireTestData.LinkLocal }, out _));
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var rng = new Random(1112);
        byte[] buf = new byte[300];
        Span<Addr> sink = stackalloc Addr[8];
        byte[] types = { 0x11, 0x12, 0x16, 0x17, 0x22, 130, 131, 132, 143 };
        int parsed = 0;
        for (int i = 0; i < 60_000; i++)
        {
            rng.NextBytes(buf);
            buf[0] = rng.Next(0, 8) == 0 ? buf[0] : types[rng.Next(types.Length)];
            if (rng.Next(0, 2) == 0)
            {
                buf[6] = 0;                        // small record counts reach the record walk
                buf[7] = (byte)rng.Next(0, 4);
                buf[10] = 0;
                buf[26] = 0;
            }

            int len = rng.Next(0, buf.Length + 1);
            bool verified = rng.Next(0, 4) != 0;
            var meta = new ReceiveMeta(
                rng.Next(0, 2) == 0 ? WireTestData.HostV4 : WireTestData.LinkLocal,
                Addr.Parse("ff02::16"),
                rng.Next(-1, 3),
                rng.Next(0, 2) == 0,
                verified);
            ReadOnlySpan<byte> m = buf.AsSpan(0, len);
            if (IgmpCodec.Parse(m, meta, out MembershipMessage a) == DropReason.None)
            {
                parsed++;
                Drain(a, sink);
            }

            if (MldCodec.Parse(m, meta, out MembershipMessage b) == DropReason.None)
            {
                parsed++;
                Drain(b, sink);
            }
        }

        Assert.True(parsed > 100, $"only {parsed} random messages got past the checks");
    }

    [Fact]
    public void MutatedMessagesNeverThrow()
    {
        // Valid reports and queries with a few random bytes changed and a random length, the
        // checksum trusted, so the mutations reach the count and record checks.
        var gen = new RandomMessages(2710);
        byte[] buf = new byte[8192];
        Span<Addr> sink = stackalloc Addr[8];
        int parsed = 0;
        for (int i = 0; i < 30_000; i++)
        {
            bool v6 = (i & 1) == 1;
            int len = gen.Rng.Next(0, 3) == 0
                ? RoundTripTests.BuildQueryBytes(gen, v6, buf)
                : gen.Report(v6, buf, 4, 4);
            for (int k = gen.Rng.Next(1, 4); k > 0; k--)
            {
                buf[gen.Rng.Next(len)] = (byte)gen.Rng.Next(256);
            }

            len = gen.Rng.Next(0, 4) == 0 ? gen.Rng.Next(0, len + 1) : len;
            ReceiveMeta meta = v6
                ? new ReceiveMeta(RandomMessages.MldSource, RandomMessages.MldDestination, 1, true, true)
                : WireTestData.Igmp() with { ChecksumVerified = true };
            DropReason r = v6 ? MldCodec.Parse(buf.AsSpan(0, len), meta, out MembershipMessage msg)
                              : IgmpCodec.Parse(buf.AsSpan(0, len), meta, out msg);
            if (r == DropReason.None)
            {
                parsed++;
                Drain(msg, sink);
            }
        }

        Assert.True(parsed > 5000, $"only {parsed} mutated messages got past the checks");
    }

    private static void Drain(in MembershipMessage msg, Span<Addr> sink)
    {
        msg.CopyQuerySources(sink);
        int records = 0;
        foreach (GroupRecord r in msg.Records)
        {
            Assert.InRange((int)r.Type, 1, 6);
            Assert.True(r.Group.IsMulticast && !r.Group.IsLinkLocalScopeMulticast);
            for (int start = 0; start < r.SourceCount; start += sink.Length)
            {
                Assert.True(r.CopySources(sink, start) > 0);
            }

            records++;
        }

        Assert.Equal(msg.UsableRecordCount, records);
    }

    private static void CheckPrefixes(byte[] full, bool v6, ReceiveMeta meta, ReceiveMeta verified)
    {
        int query = v6 ? MldCodec.V1Length : IgmpCodec.HeaderLength;
        Assert.Equal(DropReason.None, Parse(full, v6, meta));
        for (int len = 0; len < full.Length; len++)
        {
            byte[] prefix = full.AsSpan(0, len).ToArray();
            Assert.NotEqual(DropReason.None, Parse(prefix, v6, meta));

            // With the checksum trusted, only the length rules decide: a v3 query cut to the
            // v1/v2 length is a valid older query (RFC 3376 §7.1, RFC 3810 §8.1); nothing else is.
            DropReason r = Parse(prefix, v6, verified);
            bool olderQuery = len == query && full[0] == (v6 ? MldCodec.TypeQuery : IgmpCodec.TypeQuery);
            Assert.True(olderQuery || r != DropReason.None, $"prefix {len} of {Convert.ToHexString(full)} parsed");
        }
    }

    private static DropReason Parse(byte[] m, bool v6, ReceiveMeta meta) =>
        v6 ? MldCodec.Parse(m, meta, out _) : IgmpCodec.Parse(m, meta, out _);

    private static void FlipAll(byte[] m, Func<byte[], DropReason> parse)
    {
        Assert.Equal(DropReason.None, parse(m));
        for (int bit = 0; bit < m.Length * 8; bit++)
        {
            byte[] copy = (byte[])m.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(DropReason.None, parse(copy));
        }
    }

    private static byte[] Patch16(byte[] m, int offset, int value)
    {
        byte[] copy = (byte[])m.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(offset), (ushort)value);
        return Resum(copy);
    }

    private static byte[] Patch8(byte[] m, int offset, int value)
    {
        byte[] copy = (byte[])m.Clone();
        copy[offset] = (byte)value;
        return Resum(copy);
    }

    // IGMP messages get a fresh checksum so the length check, not the checksum, rejects them;
    // MLD tests pass ChecksumVerified.
    private static byte[] Resum(byte[] m) => m[0] == IgmpCodec.TypeV3Report ? IgmpParseTests.WithChecksum(m) : m;
}
