using System;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Pipeline;

/// <summary>
/// Found by the pipeline fuzz: an IGMPv3/MLDv2 record whose source list holds a multicast
/// address is accepted, and the proxy then asks the kernel to subscribe upstream with that
/// "source". A source is a unicast sender address (RFC 3376 §4.2.8, RFC 3810 §5.2.10 "Source
/// Address [i]" are unicast; RFC 4607 §1 for SSM); such sources should be skipped (or the
/// record dropped) before they reach the membership table.
/// </summary>
public class MulticastSourceTests
{
    [Fact]
    public void MulticastSourceInARecordIsNotSubscribedUpstream()
    {
        var rig = new PipelineRig("protocol IGMPv3;\npinstance p: up0 ==> dn0;\n", "p.conf");
        byte[] packet = new byte[64];
        byte[] igmp = new byte[40];
        V3ReportWriter w = IgmpCodec.BeginV3Report(igmp);
        w.AddRecord(RecordType.AllowNewSources, Addr.Parse("239.1.0.1"), new[] { Addr.Parse("10.1.0.2"), Addr.Parse("239.1.0.9") });
        int n = w.Finish();
        packet[0] = 0x45;
        packet[3] = (byte)(20 + n);
        packet[8] = 1;
        packet[9] = 2;
        Addr.Parse("10.2.0.2").WriteTo(packet.AsSpan(12));
        Addr.Parse("224.0.0.22").WriteTo(packet.AsSpan(16));
        igmp.AsSpan(0, n).CopyTo(packet.AsSpan(20));
        Assert.Equal(DropReason.None, rig.Receive(1000, rig.Proxy.IdOf("dn0"), packet.AsSpan(0, 20 + n), default));
        Assert.True(rig.SubscriptionCalls > 0);
        Assert.Equal(0, rig.MulticastSourcesSubscribed);
    }
}
