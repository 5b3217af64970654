using System;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class Ipv4HeaderTests
{
    // IHL 6, total 32, TTL 1, proto 2, 192.168.1.10 -> 224.0.0.22, Router Alert 94 04 00 00,
    // then an 8-byte IGMPv2 report.
    private const string WithRouterAlert =
        "46c00020000040000102" + "0000" + "c0a8010a" + "e0000016" + "94040000" + WireTestData.V2Report;

    [Fact]
    public void ParsesHeaderWithRouterAlert()
    {
        Assert.True(Ipv4Header.TryParse(WireTestData.Hex(WithRouterAlert), out Ipv4HeaderInfo ip));
        Assert.Equal(24, ip.HeaderLength);
        Assert.Equal(32, ip.TotalLength);
        Assert.Equal(8, ip.PayloadLength);
        Assert.Equal(1, ip.Ttl);
        Assert.Equal(2, ip.Protocol);
        Assert.Equal(Addr.Parse("192.168.1.10"), ip.Source);
        Assert.Equal(Addr.Parse("224.0.0.22"), ip.Destination);
        Assert.True(ip.RouterAlert);
    }

    [Fact]
    public void ParsesPlainHeader()
    {
        string hex = "4500001c00000000ff020000c0a8010ae0000001" + WireTestData.V2Report;
        Assert.True(Ipv4Header.TryParse(WireTestData.Hex(hex), out Ipv4HeaderInfo ip));
        Assert.Equal(20, ip.HeaderLength);
        Assert.Equal(255, ip.Ttl);
        Assert.False(ip.RouterAlert);
    }

    [Theory]
    [InlineData("01019404000000000000", true)]     // NOP NOP RA, EOL, padding
    [InlineData("00940400", false)]                 // EOL first: RA bytes after it are padding
    [InlineData("0703040000000000", false)]         // a 3-byte record route, then EOL
    [InlineData("82040000", false)]                 // unknown 4-byte option
    [InlineData("820500", null)]                    // option length 5 runs past the 4 option bytes
    public void WalksOptions(string options, bool? routerAlert)
    {
        byte[] packet = Build(options);
        bool ok = Ipv4Header.TryParse(packet, out Ipv4HeaderInfo ip);
        Assert.Equal(routerAlert.HasValue, ok);
        if (routerAlert.HasValue)
        {
            Assert.Equal(routerAlert.Value, ip.RouterAlert);
        }
    }

    [Theory]
    [InlineData("0100")]          // NOP, EOL
    [InlineData("01010101")]      // only NOPs
    public void NopThenEndIsFine(string options) => Assert.True(Ipv4Header.TryParse(Build(options), out _));

    [Theory]
    [InlineData("94030000")]      // RA with wrong length
    [InlineData("94050000")]      // RA length 5 runs past the 4 option bytes
    [InlineData("07010000")]      // length below 2
    [InlineData("01010107")]      // last option has no length byte
    public void RejectsMalformedOptions(string options) => Assert.False(Ipv4Header.TryParse(Build(options), out _));

    [Fact]
    public void RejectsBadHeaders()
    {
        byte[] good = WireTestData.Hex(WithRouterAlert);
        Assert.True(Ipv4Header.TryParse(good, out _));
        Assert.False(Ipv4Header.TryParse(good.AsSpan(0, 19), out _));
        Assert.False(Ipv4Header.TryParse(good.AsSpan(0, 31), out _));            // total length beyond data
        Assert.False(Ipv4Header.TryParse(With(good, 0, 0x66), out _));           // version 6
        Assert.False(Ipv4Header.TryParse(With(good, 0, 0x44), out _));           // IHL 4
        Assert.False(Ipv4Header.TryParse(With(good, 0, 0x4F), out _));           // IHL 15 > packet
        Assert.False(Ipv4Header.TryParse(With(good, 3, 0x10), out _));           // total 16 < header 24
        Assert.True(Ipv4Header.TryParse([.. good, 0, 0], out Ipv4HeaderInfo ip)); // link padding
        Assert.Equal(32, ip.TotalLength);
    }

    [Fact]
    public void PacketParseGivesIgmpMessage()
    {
        Assert.Equal(DropReason.None, IgmpCodec.ParsePacket(WireTestData.Hex(WithRouterAlert), out Ipv4HeaderInfo ip, out MembershipMessage msg));
        Assert.Equal(MessageKind.V2Report, msg.Kind);
        Assert.Equal(Addr.Parse("239.1.2.3"), msg.Group);
        Assert.True(ip.RouterAlert);
        Assert.Equal(DropReason.BadIpHeader, IgmpCodec.ParsePacket(WireTestData.Hex("4500"), out _, out _));
        Assert.Equal(DropReason.UnknownType, IgmpCodec.ParsePacket(With(WireTestData.Hex(WithRouterAlert), 9, 0), out _, out _));
        Assert.Equal(DropReason.BadTtl, IgmpCodec.ParsePacket(With(WireTestData.Hex(WithRouterAlert), 8, 2), out _, out _));
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var rng = new Random(791);
        byte[] buf = new byte[80];
        for (int i = 0; i < 50000; i++)
        {
            rng.NextBytes(buf);
            buf[0] = (byte)(0x40 | (buf[0] & 0x0F));
            buf[2] = 0;
            buf[3] = (byte)rng.Next(0, 90);
            int len = rng.Next(0, buf.Length + 1);
            if (Ipv4Header.TryParse(buf.AsSpan(0, len), out Ipv4HeaderInfo ip))
            {
                Assert.InRange(ip.HeaderLength, 20, ip.TotalLength);
                Assert.InRange(ip.TotalLength, 20, len);
            }

            IgmpCodec.ParsePacket(buf.AsSpan(0, len), out _, out _);
        }
    }

    // A header with IHL covering the given option bytes (padded with EOL to a multiple of 4).
    private static byte[] Build(string optionsHex)
    {
        byte[] options = WireTestData.Hex(optionsHex);
        int optLen = (options.Length + 3) / 4 * 4;
        byte[] p = new byte[20 + optLen];
        p[0] = (byte)(0x40 | ((20 + optLen) / 4));
        p[3] = (byte)p.Length;
        p[8] = 1;
        p[9] = 2;
        options.CopyTo(p, 20);
        return p;
    }

    private static byte[] With(byte[] source, int index, byte value)
    {
        byte[] copy = (byte[])source.Clone();
        copy[index] = value;
        return copy;
    }
}
