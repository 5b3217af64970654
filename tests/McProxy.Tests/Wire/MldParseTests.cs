using System;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class MldParseTests
{
    [Fact]
    public void V1GeneralQuery()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.MldV1GeneralQuery, WireTestData.Mld("ff02::1"), out MembershipMessage msg));
        Assert.Equal(MessageKind.GeneralQuery, msg.Kind);
        Assert.Equal(new QueryMessage(ProtocolVersion.MLDv1, Addr.None, 10_000, false, 0, 0, 0), msg.Query);
    }

    [Fact]
    public void V1ReportAndDone()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.MldV1Report, WireTestData.Mld("ff05::1:3"), out MembershipMessage r));
        Assert.Equal(MessageKind.V2Report, r.Kind);
        Assert.Equal(ProtocolVersion.MLDv1, r.Version);
        Assert.Equal(Addr.Parse("ff05::1:3"), r.Group);

        Assert.Equal(DropReason.None, Parse(WireTestData.MldDone, WireTestData.Mld("ff02::2"), out MembershipMessage d));
        Assert.Equal(MessageKind.Leave, d.Kind);
        Assert.Equal(ProtocolVersion.MLDv1, d.Version);
        Assert.Equal(Addr.Parse("ff05::1:3"), d.Group);
    }

    [Fact]
    public void V2GeneralQuery()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.MldV2GeneralQuery, WireTestData.Mld("ff02::1"), out MembershipMessage msg));
        Assert.Equal(MessageKind.GeneralQuery, msg.Kind);
        Assert.Equal(new QueryMessage(ProtocolVersion.MLDv2, Addr.None, 10_000, false, 2, 125, 0), msg.Query);
    }

    [Fact]
    public void V2GroupSourceQuery()
    {
        Assert.Equal(DropReason.None, Parse(WireTestData.MldV2GroupSourceQuery, WireTestData.Mld("ff3e::8000:1"), out MembershipMessage msg));
        Assert.Equal(MessageKind.GroupSourceQuery, msg.Kind);
        Assert.Equal(
            new QueryMessage(ProtocolVersion.MLDv2, Addr.Parse("ff3e::8000:1"), 35_096, true, 2, 125, 1),
            msg.Query);
        Assert.Equal(Addr.Parse("2001:db8::1"), msg.GetQuerySource(0));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            Parse(WireTestData.MldV2GroupSourceQuery, WireTestData.Mld("ff3e::8000:1"), out MembershipMessage m2);
            return m2.GetQuerySource(1);
        });
    }

    [Fact]
    public void V2ReportRecords()
    {
        ReceiveMeta meta = WireTestData.Mld("fe80::1", "ff02::16");
        Assert.Equal(DropReason.None, Parse(WireTestData.MldV2ReportLinkLocal, meta, out MembershipMessage msg));
        Assert.Equal(MessageKind.V3Report, msg.Kind);
        Assert.Equal(ProtocolVersion.MLDv2, msg.Version);
        Assert.Equal(2, msg.UsableRecordCount);
        Assert.Equal(1, msg.SkippedRecordCount);   // ff02::fb

        GroupRecordEnumerator e = msg.Records;
        Assert.True(e.MoveNext());
        Assert.Equal(RecordType.ChangeToInclude, e.Current.Type);
        Assert.Equal(Addr.Parse("ff3e::8000:1"), e.Current.Group);
        Assert.Equal(Addr.Parse("2001:db8::1"), e.Current.GetSource(0));
        Assert.True(e.MoveNext());
        Assert.Equal(RecordType.AllowNewSources, e.Current.Type);
        Assert.Equal(Addr.Parse("ff05::1:3"), e.Current.Group);
        Span<Addr> one = stackalloc Addr[1];
        Assert.Equal(1, e.Current.CopySources(one));
        Assert.Equal(Addr.Parse("2001:db8::2"), one[0]);
        Assert.Equal(1, e.Current.CopySources(one, start: 1));
        Assert.Equal(Addr.Parse("2001:db8::3"), one[0]);
        Assert.Equal(0, e.Current.CopySources(one, start: 2));
        Assert.False(e.MoveNext());
    }

    [Theory]
    [InlineData("fe80::1", "None")]
    [InlineData("febf::1", "None")]
    [InlineData("::", "NonLinkLocalSource")]            // RFC 3810 §5.2.13
    [InlineData("2001:db8::1", "NonLinkLocalSource")]   // RFC 3810 §5
    [InlineData("fec0::1", "NonLinkLocalSource")]
    [InlineData("ff02::1", "NonLinkLocalSource")]
    [InlineData("192.168.1.1", "NonLinkLocalSource")]
    public void V1ReportSources(string source, string expected)
    {
        byte[] m = WireTestData.Hex(WireTestData.MldV1Report);
        ReceiveMeta meta = WireTestData.Mld(source, "ff05::1:3", verified: true);
        Assert.Equal(Enum.Parse<DropReason>(expected), MldCodec.Parse(m, meta, out _));
    }

    [Fact]
    public void V2ReportFromTheUnspecifiedAddressIsDiscardedByARouter()
    {
        // RFC 3810 §5.2.13: a host without a link-local address yet (before DAD) reports from
        // ::, for snooping switches; a router must not act on it.
        ReceiveMeta meta = WireTestData.Mld("::", "ff02::16");
        Assert.Equal(DropReason.NonLinkLocalSource, Parse(WireTestData.MldV2Report, meta, out _));
    }

    [Theory]
    [InlineData("ff02::1", "None")]
    [InlineData("fe80::99", "BadDestination")]
    [InlineData("ff02::16", "BadDestination")]
    [InlineData("ff3e::8000:1", "None")]
    [InlineData("ff3e::8000:2", "BadDestination")]
    public void GroupAndSourceQueryMustGoToAllNodesOrTheGroup(string destination, string expected)
    {
        ReceiveMeta meta = WireTestData.Mld("fe80::1", destination, verified: true);
        Assert.Equal(Enum.Parse<DropReason>(expected), Parse(WireTestData.MldV2GroupSourceQuery, meta, out _));
    }

    [Theory]
    [InlineData("ff02::1", "None")]
    [InlineData("fe80::99", "BadDestination")]
    [InlineData("ff3e::8000:1", "BadDestination")]
    public void GeneralQueryMustGoToAllNodes(string destination, string expected)
    {
        ReceiveMeta meta = WireTestData.Mld("fe80::1", destination, verified: true);
        Assert.Equal(Enum.Parse<DropReason>(expected), Parse(WireTestData.MldV2GeneralQuery, meta, out _));
        Assert.Equal(Enum.Parse<DropReason>(expected), Parse(WireTestData.MldV1GeneralQuery, meta, out _));
    }

    [Fact]
    public void QueriesFromGlobalSourceAreDropped()
    {
        ReceiveMeta meta = WireTestData.Mld("2001:db8::1", "ff02::1", verified: true);
        Assert.Equal(DropReason.NonLinkLocalSource, Parse(WireTestData.MldV2GeneralQuery, meta, out _));
        meta = WireTestData.Mld("::", "ff02::1", verified: true);
        Assert.Equal(DropReason.NonLinkLocalSource, Parse(WireTestData.MldV2GeneralQuery, meta, out _));
    }

    [Theory]
    [InlineData(255)]
    [InlineData(0)]
    [InlineData(2)]
    public void HopLimitMustBeOne(int hops) =>
        Assert.Equal(DropReason.BadTtl, Parse(WireTestData.MldV1Report, WireTestData.Mld("fe80::1", "ff05::1:3", hops), out _));

    [Fact]
    public void ChecksumUsesPseudoHeaderUnlessVerified()
    {
        // Right bytes, wrong destination in the pseudo-header.
        Assert.Equal(DropReason.BadChecksum, Parse(WireTestData.MldV1Report, WireTestData.Mld("ff02::1"), out _));
        Assert.Equal(DropReason.None, Parse(WireTestData.MldV1Report, WireTestData.Mld("fe80::1", "ff02::1", verified: true), out _));
    }

    [Theory]
    [InlineData(131, "ff02::1", "LinkLocalGroup")]
    [InlineData(131, "ff01::1", "LinkLocalGroup")]
    [InlineData(132, "ff02::fb", "LinkLocalGroup")]
    [InlineData(131, "ff00::1", "LinkLocalGroup")]         // reserved scope 0
    [InlineData(131, "2001:db8::1", "NotMulticastGroup")]
    [InlineData(131, "::ffff:239.1.1.1", "NotMulticastGroup")]
    [InlineData(131, "ff05::2", "None")]
    [InlineData(130, "2001:db8::1", "NotMulticastGroup")]  // MLDv1 group query for a unicast group
    [InlineData(130, "ff02::fb", "None")]
    public void GroupChecks(byte type, string group, string expected)
    {
        byte[] m = new byte[MldCodec.V1Length];
        m[0] = type;
        Addr.Parse(group).WriteV6To(m.AsSpan(8));
        ReceiveMeta meta = WireTestData.Mld("fe80::1", "ff02::1", verified: true);
        Assert.Equal(Enum.Parse<DropReason>(expected), MldCodec.Parse(m, meta, out _));
    }

    [Fact]
    public void QueryLengthRules()
    {
        ReceiveMeta meta = WireTestData.Mld("fe80::1", "ff02::1", verified: true);
        byte[] q = WireTestData.Hex(WireTestData.MldV2GeneralQuery);
        for (int len = 25; len <= 27; len++)
        {
            Assert.Equal(DropReason.BadLength, MldCodec.Parse(q.AsSpan(0, len), meta, out _));   // RFC 3810 §8.1
        }

        Assert.Equal(DropReason.Truncated, MldCodec.Parse(q.AsSpan(0, 23), meta, out _));
        q[27] = 1;   // one source claimed, none present
        Assert.Equal(DropReason.BadLength, MldCodec.Parse(q, meta, out _));
        byte[] longer = [.. q, .. new byte[16], 9, 9, 9];
        Assert.Equal(DropReason.InvalidQuery, MldCodec.Parse(longer, meta, out _));   // general query with a source
    }

    [Theory]
    [InlineData(128)]   // echo request
    [InlineData(129)]
    [InlineData(133)]   // router solicitation
    [InlineData(135)]   // neighbour solicitation
    [InlineData(1)]
    public void OtherIcmpv6TypesAreUnknown(byte type)
    {
        byte[] m = WireTestData.Hex(WireTestData.MldV1Report);
        m[0] = type;
        Assert.Equal(DropReason.UnknownType, MldCodec.Parse(m, WireTestData.Mld("ff05::1:3"), out _));
    }

    private static DropReason Parse(string hex, in ReceiveMeta meta, out MembershipMessage msg) =>
        MldCodec.Parse(WireTestData.Hex(hex), meta, out msg);
}
