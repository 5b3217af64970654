using System;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Pipeline;

/// <summary>RFC 4604 §2.2.3 through the whole receive pipeline: never an any-source join upstream for an SSM group.</summary>
public class SsmPipelineTests
{
    [Fact]
    public void Igmpv2_report_and_exclude_record_for_an_ssm_group_join_nothing_upstream()
    {
        var rig = new PipelineRig("protocol IGMPv3;\npinstance p: up0 ==> dn0;\n", "p.conf");
        int dn0 = rig.Proxy.IdOf("dn0");
        Addr g = Addr.Parse("232.1.1.1");
        byte[] igmp = new byte[64];
        int n = IgmpCodec.BuildV2Report(g, igmp);
        Assert.Equal(DropReason.None, rig.Receive(1_000, dn0, Ipv4(igmp.AsSpan(0, n), g), default));
        V3ReportWriter w = IgmpCodec.BeginV3Report(igmp);
        w.AddRecord(RecordType.ChangeToExclude, g, ReadOnlySpan<Addr>.Empty);
        n = w.Finish();
        Assert.Equal(DropReason.None, rig.Receive(1_000, dn0, Ipv4(igmp.AsSpan(0, n), Addr.Parse("224.0.0.22")), default));
        Assert.Equal(0, rig.SubscriptionCalls);

        w = IgmpCodec.BeginV3Report(igmp);
        w.AddRecord(RecordType.AllowNewSources, g, new[] { Addr.Parse("10.1.0.2") });
        n = w.Finish();
        rig.Receive(2_000, dn0, Ipv4(igmp.AsSpan(0, n), Addr.Parse("224.0.0.22")), default);
        Assert.Equal(1, rig.SubscriptionCalls); // INCLUDE{10.1.0.2}: the rig rejects any EXCLUDE for 232/8
        rig.CheckMerge(2_000);
    }

    [Fact]
    public void Mldv1_report_for_an_ssm_group_joins_nothing_upstream()
    {
        var rig = new PipelineRig("protocol MLDv2;\npinstance p: up0 ==> dn0;\n", "p.conf");
        Addr g = Addr.Parse("ff3e::8000:1");
        Addr src = Addr.Parse("fe80::2");
        byte[] mld = new byte[64];
        int n = MldCodec.BuildV1Report(g, src, g, mld);
        var meta = new ReceiveMeta(src, g, 1, true);
        Assert.Equal(DropReason.None, rig.Receive(1_000, rig.Proxy.IdOf("dn0"), mld.AsSpan(0, n), meta));
        Assert.Equal(0, rig.SubscriptionCalls);
    }

    private static byte[] Ipv4(ReadOnlySpan<byte> igmp, Addr destination)
    {
        byte[] packet = new byte[20 + igmp.Length];
        packet[0] = 0x45;
        packet[3] = (byte)packet.Length;
        packet[8] = 1;
        packet[9] = 2;
        Addr.Parse("10.2.0.2").WriteTo(packet.AsSpan(12));
        destination.WriteTo(packet.AsSpan(16));
        igmp.CopyTo(packet.AsSpan(20));
        return packet;
    }
}
