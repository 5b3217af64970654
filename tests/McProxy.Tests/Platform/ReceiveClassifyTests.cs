using McProxy.Platform.Multicast;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Platform;

/// <summary>
/// One receive, one event (issue 13 item 4): the caller's budget and drop counters see every
/// datagram, packets of an unknown type included.
/// </summary>
public sealed class ReceiveClassifyTests
{
    [Theory]
    [InlineData((int)DropReason.UnknownType)]
    [InlineData((int)DropReason.BadChecksum)]
    [InlineData((int)DropReason.BadIpHeader)]
    public void APacketTheCodecRejectsIsADroppedEvent(int dropReason)
    {
        var reason = (DropReason)dropReason;
        var ev = new KernelEvent { Drop = reason, IfIndex = 4 };
        Assert.True(MrouteSocket.Classify(ReceiveResult.Packet, ref ev));
        Assert.Equal(KernelEventKind.Dropped, ev.Kind);
        Assert.Equal(reason, ev.Drop);
        Assert.Equal(4, ev.IfIndex);
    }

    [Fact]
    public void AValidPacketIsAMessageAndAnUpcallAnUpcall()
    {
        var ev = new KernelEvent { Drop = DropReason.None };
        Assert.True(MrouteSocket.Classify(ReceiveResult.Packet, ref ev));
        Assert.Equal(KernelEventKind.Message, ev.Kind);
        Assert.True(MrouteSocket.Classify(ReceiveResult.Upcall, ref ev));
        Assert.Equal(KernelEventKind.Upcall, ev.Kind);
    }

    [Fact]
    public void AnUnreadableDatagramIsCountedAsTruncated()
    {
        var ev = new KernelEvent { IfIndex = 4 };
        Assert.True(MrouteSocket.Classify(ReceiveResult.Dropped, ref ev));
        Assert.Equal(KernelEventKind.Dropped, ev.Kind);
        Assert.Equal(DropReason.Truncated, ev.Drop);
        Assert.Equal(0, ev.IfIndex);
    }

    [Fact]
    public void NothingReadEndsTheDrain()
    {
        var ev = default(KernelEvent);
        Assert.False(MrouteSocket.Classify(ReceiveResult.WouldBlock, ref ev));
        Assert.False(MrouteSocket.Classify(ReceiveResult.Error, ref ev));
    }
}
