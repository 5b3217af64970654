using System;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class IgmpParseTests
{
    [Theory]
    [InlineData(WireTestData.V1Report, (int)MessageKind.V1Report, (int)ProtocolVersion.IGMPv1, "224.1.1.1")]
    [InlineData(WireTestData.V2Report, (int)MessageKind.V2Report, (int)ProtocolVersion.IGMPv2, "239.1.2.3")]
    [InlineData(WireTestData.Leave, (int)MessageKind.Leave, (int)ProtocolVersion.IGMPv2, "239.1.2.3")]
    public void GroupMessages(string hex, int kindValue, int versionValue, string group)
    {
        var kind = (MessageKind)kindValue;
        var version = (ProtocolVersion)versionValue;
        Assert.Equal(DropReason.None, Parse(hex, out MembershipMessage msg));
        Assert.Equal(kind, msg.Kind);
        Assert.Equal(version, msg.Version);
        Assert.Equal(Addr.Parse(group), msg.Group);
        Assert.False(msg.IsQuery);
        Assert.Equal(0, msg.UsableRecordCount);
    }

    [Fact]
    public void V1Query()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.V1Query, out MembershipMessage msg));
        Assert.Equal(MessageKind.GeneralQuery, msg.Kind);
        Assert.Equal(ProtocolVersion.IGMPv1, msg.Version);
        Assert.Equal(10_000, msg.Query.MaxRespMs);   // RFC 2236 §4: v1 queries mean 10 s
        Assert.True(msg.Query.IsGeneral);
    }

    [Fact]
    public void V2Queries()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.V2GeneralQuery, out MembershipMessage gq));
        Assert.Equal(MessageKind.GeneralQuery, gq.Kind);
        Assert.Equal(ProtocolVersion.IGMPv2, gq.Version);
        Assert.Equal(10_000, gq.Query.MaxRespMs);

        Assert.Equal(DropReason.None, Parse(WireTestData.V2GroupQuery, out MembershipMessage sq));
        Assert.Equal(MessageKind.GroupQuery, sq.Kind);
        Assert.Equal(Addr.Parse("239.1.2.3"), sq.Group);
        Assert.Equal(Addr.Parse("239.1.2.3"), sq.Query.Group);
        Assert.Equal(2_000, sq.Query.MaxRespMs);
    }

    [Theory]
    [InlineData(WireTestData.V3GeneralQuery, "224.0.0.1", "None")]
    [InlineData(WireTestData.V3GeneralQuery, "192.168.1.10", "BadDestination")]   // unicast to the router
    [InlineData(WireTestData.V3GeneralQuery, "224.0.0.22", "BadDestination")]
    [InlineData(WireTestData.V3GeneralQuery, "239.1.2.3", "BadDestination")]
    [InlineData(WireTestData.V2GeneralQuery, "10.0.0.1", "BadDestination")]
    [InlineData(WireTestData.V2GroupQuery, "239.1.2.3", "None")]
    [InlineData(WireTestData.V2GroupQuery, "224.0.0.1", "None")]
    [InlineData(WireTestData.V2GroupQuery, "239.1.2.4", "BadDestination")]
    [InlineData(WireTestData.V3GroupSourceQuery, "232.1.1.1", "None")]
    [InlineData(WireTestData.V3GroupSourceQuery, "192.168.1.1", "BadDestination")]
    public void QueriesMustGoToAllSystemsOrTheGroup(string hex, string destination, string expected)
    {
        // RFC 3376 §4.1.12: a query sent elsewhere reaches no host; only a forger sends it.
        var meta = WireTestData.Igmp(destination: destination);
        Assert.Equal(Enum.Parse<DropReason>(expected), IgmpCodec.Parse(WireTestData.Hex(hex), meta, out MembershipMessage msg));
        Assert.Equal(expected == "None", msg.IsQuery);
    }

    [Fact]
    public void V3GeneralQuery()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.V3GeneralQuery, out MembershipMessage msg));
        Assert.Equal(MessageKind.GeneralQuery, msg.Kind);
        Assert.Equal(new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 10_000, false, 2, 125, 0), msg.Query);
    }

    [Fact]
    public void V3GroupSourceQuery()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.V3GroupSourceQuery, out MembershipMessage msg));
        Assert.Equal(MessageKind.GroupSourceQuery, msg.Kind);
        Assert.Equal(
            new QueryMessage(ProtocolVersion.IGMPv3, Addr.Parse("232.1.1.1"), 20_800, true, 3, 256, 2),
            msg.Query);
        Span<Addr> sources = stackalloc Addr[4];
        Assert.Equal(2, msg.CopyQuerySources(sources));
        Assert.Equal(Addr.Parse("10.0.0.1"), sources[0]);
        Assert.Equal(Addr.Parse("10.0.0.2"), sources[1]);
        Assert.Equal(Addr.Parse("10.0.0.2"), msg.GetQuerySource(1));
        Assert.Equal(1, msg.CopyQuerySources(sources, start: 1));
        Assert.Equal(Addr.Parse("10.0.0.2"), sources[0]);
    }

    [Fact]
    public void V3QueryIgnoresBytesAfterSources()
    {
        byte[] q = WithChecksum([.. WireTestData.Hex(WireTestData.V3GroupSourceQuery), 1, 2, 3, 4, 5]);
        Assert.Equal(DropReason.None, IgmpCodec.Parse(q, WireTestData.Igmp(), out MembershipMessage msg));
        Assert.Equal(2, msg.Query.SourceCount);
    }

    [Fact]
    public void V3ReportRecords()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.V3Report, out MembershipMessage msg));
        Assert.Equal(MessageKind.V3Report, msg.Kind);
        Assert.Equal(ProtocolVersion.IGMPv3, msg.Version);
        Assert.Equal(2, msg.UsableRecordCount);
        Assert.Equal(2, msg.SkippedRecordCount);   // unknown type 9, link-local 224.0.0.251

        Span<Addr> buf = stackalloc Addr[8];
        int i = 0;
        foreach (GroupRecord r in msg.Records)
        {
            int n = r.CopySources(buf);
            if (i == 0)
            {
                Assert.Equal(RecordType.ModeIsInclude, r.Type);
                Assert.Equal(Addr.Parse("232.1.1.1"), r.Group);
                Assert.Equal(2, r.SourceCount);
                Assert.Equal(2, n);
                Assert.Equal(Addr.Parse("10.0.0.1"), buf[0]);
                Assert.Equal(Addr.Parse("10.0.0.2"), buf[1]);
            }
            else
            {
                Assert.Equal(RecordType.BlockOldSources, r.Type);
                Assert.Equal(Addr.Parse("239.2.2.2"), r.Group);
                Assert.Equal(1, n);
                Assert.Equal(Addr.Parse("192.168.1.1"), r.GetSource(0));
            }

            i++;
        }

        Assert.Equal(2, i);
    }

    [Fact]
    public void ReportsToAnyDestinationAndFromZeroSourceAreFine()
    {
        var meta = new ReceiveMeta(Addr.AnyV4, Addr.Parse("239.1.2.3"), 1, false);
        Assert.Equal(DropReason.None, IgmpCodec.Parse(WireTestData.Hex(WireTestData.V2Report), meta, out _));
        Assert.Equal(DropReason.None, IgmpCodec.Parse(WireTestData.Hex(WireTestData.V3Report), meta, out _));
    }

    [Theory]
    [InlineData(2, (int)DropReason.BadTtl)]
    [InlineData(64, (int)DropReason.BadTtl)]
    [InlineData(-1, (int)DropReason.None)]
    [InlineData(1, (int)DropReason.None)]
    public void TtlMustBeOne(int ttl, int expected) =>
        Assert.Equal((DropReason)expected, IgmpCodec.Parse(WireTestData.Hex(WireTestData.V2Report), WireTestData.Igmp(ttl: ttl), out _));

    [Theory]
    [InlineData("224.0.0.1")]
    [InlineData("239.1.1.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fe80::1")]
    public void BadSources(string source) =>
        Assert.Equal(DropReason.BadSource, IgmpCodec.Parse(WireTestData.Hex(WireTestData.V2Report), WireTestData.Igmp(Addr.Parse(source)), out _));

    [Theory]
    [InlineData(0x16, "10.1.2.3", (int)DropReason.NotMulticastGroup)]
    [InlineData(0x16, "0.0.0.0", (int)DropReason.NotMulticastGroup)]
    [InlineData(0x16, "224.0.0.251", (int)DropReason.LinkLocalGroup)]
    [InlineData(0x17, "224.0.0.2", (int)DropReason.LinkLocalGroup)]
    [InlineData(0x12, "224.0.0.5", (int)DropReason.LinkLocalGroup)]
    [InlineData(0x16, "224.0.1.1", (int)DropReason.None)]
    [InlineData(0x11, "10.1.2.3", (int)DropReason.NotMulticastGroup)]     // v2 group query for a unicast group
    [InlineData(0x11, "224.0.0.251", (int)DropReason.None)]               // queries may name link-local groups
    public void GroupChecks(byte type, string group, int expected)
    {
        byte[] m = new byte[8];
        m[0] = type;
        m[1] = 10;
        Addr.Parse(group).WriteTo(m.AsSpan(4));
        Assert.Equal((DropReason)expected, IgmpCodec.Parse(WithChecksum(m), WireTestData.Igmp(), out _));
    }

    [Fact]
    public void QueryLengthRules()
    {
        // RFC 3376 §7.1: lengths 9..11 are ignored; ≥ 12 is v3.
        for (int len = 9; len <= 11; len++)
        {
            byte[] q = WithChecksum([.. WireTestData.Hex(WireTestData.V2GeneralQuery), .. new byte[len - 8]]);
            Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(q, WireTestData.Igmp(), out _));
        }

        byte[] v3 = WireTestData.Hex(WireTestData.V3GroupSourceQuery);
        v3[11] = 3;   // three sources claimed, two present
        Assert.Equal(DropReason.BadLength, IgmpCodec.Parse(WithChecksum(v3), WireTestData.Igmp(), out _));
    }

    [Fact]
    public void GeneralQueryWithSourcesIsInvalid()
    {
        byte[] q = WireTestData.Hex(WireTestData.V3GroupSourceQuery);
        q.AsSpan(4, 4).Clear();
        Assert.Equal(DropReason.InvalidQuery, IgmpCodec.Parse(WithChecksum(q), WireTestData.Igmp(), out _));
    }

    [Theory]
    [InlineData(0x13)]   // DVMRP
    [InlineData(0x14)]   // PIMv1
    [InlineData(0x1e)]   // mtrace response
    [InlineData(0x00)]
    public void OtherTypesAreUnknown(byte type)
    {
        byte[] m = WireTestData.Hex(WireTestData.V2Report);
        m[0] = type;
        Assert.Equal(DropReason.UnknownType, IgmpCodec.Parse(WithChecksum(m), WireTestData.Igmp(), out _));
    }

    [Fact]
    public void ChecksumVerifiedFlagSkipsVerification()
    {
        byte[] m = WireTestData.Hex(WireTestData.V2Report);
        m[2] ^= 0xFF;
        Assert.Equal(DropReason.BadChecksum, IgmpCodec.Parse(m, WireTestData.Igmp(), out _));
        var trusted = WireTestData.Igmp() with { ChecksumVerified = true };
        Assert.Equal(DropReason.None, IgmpCodec.Parse(m, trusted, out _));
    }

    internal static DropReason Parse(string hex, out MembershipMessage msg) =>
        IgmpCodec.Parse(WireTestData.Hex(hex), WireTestData.Igmp(), out msg);

    internal static byte[] WithChecksum(byte[] m)
    {
        m[2] = 0;
        m[3] = 0;
        ushort c = InetChecksum.Compute(m);
        m[2] = (byte)(c >> 8);
        m[3] = (byte)c;
        return m;
    }
}
