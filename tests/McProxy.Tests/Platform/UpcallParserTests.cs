using System;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using Xunit;

namespace McProxy.Tests.Platform;

public sealed class UpcallParserTests
{
    [Fact]
    public void DecodesAnIgmpmsg()
    {
        // struct igmpmsg: unused1, unused2, im_msgtype 1, im_mbz 0, im_vif 3, im_vif_hi 0, src 10.0.0.2, dst 239.1.2.3
        byte[] b = Convert.FromHexString("0000000000000000" + "01000300" + "0A000002" + "EF010203");
        Assert.True(UpcallParser.IsUpcall4(b));
        Assert.True(UpcallParser.TryParse4(b, out MrouteUpcall u));
        Assert.Equal(new MrouteUpcall(UpcallKind.NoCache, 3, Addr.Parse("10.0.0.2"), Addr.Parse("239.1.2.3")), u);
    }

    [Fact]
    public void AnIgmpPacketIsNotAnUpcall()
    {
        // IPv4 header with protocol 2 at byte 9.
        byte[] ip = Convert.FromHexString("46000020000040000102" + "0000" + "0A000002E0000016" + "94040000" + "2200");
        Assert.False(UpcallParser.IsUpcall4(ip));
        Assert.False(UpcallParser.TryParse4(ip, out _));
        Assert.False(UpcallParser.TryParse4(new byte[12], out _));
    }

    [Fact]
    public void DecodesAnMrt6msg()
    {
        byte[] b = new byte[40];
        b[1] = 2; // MRT6MSG_WRONGMIF
        BitConverter.TryWriteBytes(b.AsSpan(2), (ushort)5);
        Addr.Parse("fd00::2").WriteV6To(b.AsSpan(8));
        Addr.Parse("ff0e::1:2").WriteV6To(b.AsSpan(24));
        Assert.True(UpcallParser.IsUpcall6(b));
        Assert.True(UpcallParser.TryParse6(b, out MrouteUpcall u));
        Assert.Equal(new MrouteUpcall(UpcallKind.WrongVif, 5, Addr.Parse("fd00::2"), Addr.Parse("ff0e::1:2")), u);
        Assert.False(UpcallParser.IsUpcall6([143, 0, 0, 0]));
        Assert.False(UpcallParser.TryParse6(b.AsSpan(0, 39), out _));
    }
}
