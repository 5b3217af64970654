using System;
using System.Buffers.Binary;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class InetChecksumTests
{
    [Fact]
    public void Rfc1071Example()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (with end-around carry).
        byte[] data = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
        Assert.Equal(0xddf2, InetChecksum.Fold(InetChecksum.Add(0, data)));
        Assert.Equal(0x220d, InetChecksum.Compute(data));
    }

    [Fact]
    public void OddLengthIsPaddedWithZero()
    {
        byte[] odd = { 0x12, 0x34, 0x56 };
        byte[] padded = { 0x12, 0x34, 0x56, 0x00 };
        Assert.Equal(InetChecksum.Compute(padded), InetChecksum.Compute(odd));
        Assert.Equal(0xFFFF - (0x1234 + 0x5600), InetChecksum.Compute(odd));
    }

    [Fact]
    public void MatchesNaiveSumOnRandomData()
    {
        var rng = new Random(1071);
        for (int i = 0; i < 2000; i++)
        {
            byte[] data = new byte[rng.Next(0, 200)];
            rng.NextBytes(data);
            Assert.Equal(Naive(data), InetChecksum.Compute(data));
        }
    }

    [Fact]
    public void VerifyAcceptsFilledAndRejectsFlippedBit()
    {
        byte[] m = WireTestData.Hex(WireTestData.V3Report);
        Assert.True(InetChecksum.Verify(m));
        for (int bit = 0; bit < m.Length * 8; bit++)
        {
            m[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(InetChecksum.Verify(m));
            m[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    [Fact]
    public void Icmpv6PseudoHeader()
    {
        byte[] m = WireTestData.Hex(WireTestData.MldV1Report);
        Addr src = Addr.Parse("fe80::1");
        Addr dst = Addr.Parse("ff05::1:3");
        Assert.True(InetChecksum.VerifyIcmpv6(src, dst, m));
        Assert.False(InetChecksum.VerifyIcmpv6(Addr.Parse("fe80::2"), dst, m));
        Assert.False(InetChecksum.VerifyIcmpv6(src, Addr.Parse("ff05::1:4"), m));
        ushort stored = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(2));
        m[2] = 0;
        m[3] = 0;
        Assert.Equal(stored, InetChecksum.ComputeIcmpv6(src, dst, m));
    }

    [Fact]
    public void Icmpv6MatchesExplicitPseudoHeader()
    {
        var rng = new Random(2460);
        for (int i = 0; i < 500; i++)
        {
            byte[] s = new byte[16];
            byte[] d = new byte[16];
            byte[] body = new byte[rng.Next(0, 120)];
            rng.NextBytes(s);
            rng.NextBytes(d);
            rng.NextBytes(body);
            byte[] all = new byte[40 + body.Length];
            s.CopyTo(all, 0);
            d.CopyTo(all, 16);
            BinaryPrimitives.WriteUInt32BigEndian(all.AsSpan(32), (uint)body.Length);
            all[39] = 58;
            body.CopyTo(all, 40);
            Assert.Equal(Naive(all), InetChecksum.ComputeIcmpv6(Addr.FromV6Bytes(s), Addr.FromV6Bytes(d), body));
        }
    }

    private static ushort Naive(byte[] data)
    {
        uint sum = 0;
        for (int i = 0; i < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8) + (i + 1 < data.Length ? data[i + 1] : 0u);
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
