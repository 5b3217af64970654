using System;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using Xunit;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Platform;

public sealed class PacketInfoTests
{
    [Fact]
    public void ReadsIpPktinfoBackFromAWrittenControlBuffer()
    {
        byte[] control = new byte[64];
        byte[] info = new byte[12];
        BitConverter.TryWriteBytes(info, 7);
        int len = Libc.WriteCmsg(control, 0, Libc.IPPROTO_IP, Libc.IP_PKTINFO, info);
        Assert.Equal(Libc.CmsgSpace(12), len);
        Assert.Equal(7, PacketInfo.IfIndex4(control.AsSpan(0, len)));
        Assert.Equal(0, PacketInfo.IfIndex4(control.AsSpan(0, 8))); // truncated header
    }

    [Fact]
    public void ReadsIpv6PktinfoHopLimitAndRouterAlert()
    {
        byte[] control = new byte[256];
        byte[] pkt = new byte[20];
        Addr.Parse("ff02::16").WriteV6To(pkt);
        BitConverter.TryWriteBytes(pkt.AsSpan(16), 4);
        int p = Libc.WriteCmsg(control, 0, Libc.IPPROTO_IPV6, Libc.IPV6_PKTINFO, pkt);
        p = Libc.WriteCmsg(control, p, Libc.IPPROTO_IPV6, Libc.IPV6_HOPLIMIT, BitConverter.GetBytes(1));
        p = Libc.WriteCmsg(control, p, Libc.IPPROTO_IPV6, Libc.IPV6_HOPOPTS, [0x3A, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00]);
        Assert.Equal(4, PacketInfo.Read6(control.AsSpan(0, p), out Addr dst, out int hops, out bool ra));
        Assert.Equal(Addr.Parse("ff02::16"), dst);
        Assert.Equal(1, hops);
        Assert.True(ra);
    }

    [Theory]
    [InlineData("3A00050200000100", true)] // RA after nothing, PadN
    [InlineData("3A00010200000502", false)] // PadN then a truncated RA header (no value bytes inside the length)
    [InlineData("3A00000001000502", false)] // Pad1, PadN len 0, type 5 with length running past the header end
    [InlineData("3A000100C2040000", false)] // Jumbo-like option 0xC2: no RA
    [InlineData("3A", false)]
    public void FindsTheRouterAlertOptionOnlyWhenPresent(string hex, bool expected)
    {
        Assert.Equal(expected, PacketInfo.HasRouterAlert(Convert.FromHexString(hex)));
    }
}
