using System;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class BuildTests
{
    private static readonly Addr G = Addr.Parse("239.1.2.3");

    [Fact]
    public void IgmpQueriesMatchGoldenBytes()
    {
        Assert.Equal(WireTestData.V1Query, Query(new QueryMessage(ProtocolVersion.IGMPv1, Addr.AnyV4, 10_000, false, 2, 125, 0)));
        Assert.Equal(WireTestData.V2GeneralQuery, Query(new QueryMessage(ProtocolVersion.IGMPv2, Addr.AnyV4, 10_000, false, 2, 125, 0)));
        Assert.Equal(WireTestData.V2GroupQuery, Query(new QueryMessage(ProtocolVersion.IGMPv2, G, 2_000, false, 2, 125, 0)));
        Assert.Equal(WireTestData.V3GeneralQuery, Query(new QueryMessage(ProtocolVersion.IGMPv3, default, 10_000, false, 2, 125, 0)));
        Addr[] sources = { Addr.Parse("10.0.0.1"), Addr.Parse("10.0.0.2") };
        Assert.Equal(
            WireTestData.V3GroupSourceQuery,
            Query(new QueryMessage(ProtocolVersion.IGMPv3, Addr.Parse("232.1.1.1"), 20_899, true, 3, 256, 2), sources));
    }

    [Theory]
    [InlineData(0, 1)]           // code 0 would turn the query into IGMPv1
    [InlineData(99, 1)]
    [InlineData(25_500, 255)]
    [InlineData(1_000_000, 255)]
    public void IgmpV2MaxRespIsClamped(int ms, int code)
    {
        Span<byte> buf = stackalloc byte[8];
        IgmpCodec.BuildQuery(new QueryMessage(ProtocolVersion.IGMPv2, G, ms, false, 2, 125, 0), default, buf);
        Assert.Equal(code, buf[1]);
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(7, 7)]
    public void IgmpV3QrvAboveSevenIsZero(int qrv, int field)
    {
        Span<byte> buf = stackalloc byte[12];
        IgmpCodec.BuildQuery(new QueryMessage(ProtocolVersion.IGMPv3, default, 10_000, true, qrv, 125, 0), default, buf);
        Assert.Equal(0x08 | field, buf[8]);
    }

    [Fact]
    public void IgmpReportsMatchGoldenBytes()
    {
        byte[] buf = new byte[64];
        Assert.Equal(WireTestData.V1Report, Hex(buf, IgmpCodec.BuildV1Report(Addr.Parse("224.1.1.1"), buf)));
        Assert.Equal(WireTestData.V2Report, Hex(buf, IgmpCodec.BuildV2Report(G, buf)));
        Assert.Equal(WireTestData.Leave, Hex(buf, IgmpCodec.BuildLeave(G, buf)));

        V3ReportWriter w = IgmpCodec.BeginV3Report(buf);
        w.AddRecord(RecordType.ModeIsInclude, Addr.Parse("232.1.1.1"), new[] { Addr.Parse("10.0.0.1"), Addr.Parse("10.0.0.2") }, auxWords: 1);
        w.AddRawRecord(9, Addr.Parse("239.9.9.9"), default);
        w.AddRecord(RecordType.BlockOldSources, Addr.Parse("239.2.2.2"), new[] { Addr.Parse("192.168.1.1") });
        w.AddRecord(RecordType.ChangeToExclude, Addr.Parse("224.0.0.251"), default);
        int len = w.Finish();
        // The golden aux word is deadbeef; the writer zero-fills aux data, so patch it and re-sum.
        byte[] msg = buf.AsSpan(0, len).ToArray();
        msg[24] = 0xde;
        msg[25] = 0xad;
        msg[26] = 0xbe;
        msg[27] = 0xef;
        Assert.Equal(WireTestData.V3Report, Convert.ToHexString(IgmpParseTests.WithChecksum(msg)).ToLowerInvariant());
        Assert.True(InetChecksum.Verify(buf.AsSpan(0, len)));
    }

    [Fact]
    public void MldMessagesMatchGoldenBytes()
    {
        byte[] buf = new byte[256];
        Addr ll = WireTestData.LinkLocal;
        Addr allNodes = Addr.Parse("ff02::1");
        Assert.Equal(WireTestData.MldV1GeneralQuery, Hex(buf, MldCodec.BuildQuery(
            new QueryMessage(ProtocolVersion.MLDv1, Addr.None, 10_000, false, 2, 125, 0), default, ll, allNodes, buf)));
        Assert.Equal(WireTestData.MldV2GeneralQuery, Hex(buf, MldCodec.BuildQuery(
            new QueryMessage(ProtocolVersion.MLDv2, Addr.None, 10_000, false, 2, 125, 0), default, ll, allNodes, buf)));
        Addr g = Addr.Parse("ff3e::8000:1");
        Assert.Equal(WireTestData.MldV2GroupSourceQuery, Hex(buf, MldCodec.BuildQuery(
            new QueryMessage(ProtocolVersion.MLDv2, g, 35_100, true, 2, 125, 1), new[] { Addr.Parse("2001:db8::1") }, ll, g, buf)));
        Assert.Equal(WireTestData.MldV1Report, Hex(buf, MldCodec.BuildV1Report(Addr.Parse("ff05::1:3"), ll, Addr.Parse("ff05::1:3"), buf)));
        Assert.Equal(WireTestData.MldDone, Hex(buf, MldCodec.BuildDone(Addr.Parse("ff05::1:3"), ll, Addr.Parse("ff02::2"), buf)));

        V3ReportWriter w = MldCodec.BeginV2Report(buf);
        w.AddRecord(RecordType.ChangeToInclude, g, new[] { Addr.Parse("2001:db8::1") });
        w.AddRecord(RecordType.ModeIsExclude, Addr.Parse("ff02::fb"), default);
        w.AddRecord(RecordType.AllowNewSources, Addr.Parse("ff05::1:3"), new[] { Addr.Parse("2001:db8::2"), Addr.Parse("2001:db8::3") }, auxWords: 2);
        Assert.Equal(WireTestData.MldV2Report, Hex(buf, w.Finish(Addr.None, Addr.Parse("ff02::16"))));
    }

    [Fact]
    public void MisuseThrows()
    {
        byte[] buf = new byte[64];
        var v1Group = new QueryMessage(ProtocolVersion.IGMPv1, G, 0, false, 0, 0, 0);
        Assert.Throws<ArgumentException>(() => IgmpCodec.BuildQuery(v1Group, default, buf));
        var mld = new QueryMessage(ProtocolVersion.MLDv2, Addr.None, 0, false, 0, 0, 0);
        Assert.Throws<ArgumentException>(() => IgmpCodec.BuildQuery(mld, default, buf));
        var igmp = new QueryMessage(ProtocolVersion.IGMPv3, Addr.AnyV4, 0, false, 0, 0, 0);
        Assert.Throws<ArgumentException>(() => MldCodec.BuildQuery(igmp, default, Addr.None, Addr.None, buf));
        Assert.Throws<ArgumentException>(() => IgmpCodec.BuildQuery(igmp, new Addr[20], buf));       // 92 bytes > 64
        Assert.Throws<ArgumentException>(() => IgmpCodec.BuildQuery(igmp, new[] { Addr.Parse("2001:db8::1") }, buf));
        Assert.Throws<ArgumentException>(() => IgmpCodec.BuildV2Report(Addr.Parse("ff05::1"), buf));
        Assert.Throws<InvalidOperationException>(() => IgmpCodec.BeginV3Report(buf).Finish(Addr.None, Addr.None));
    }

    private static string Query(in QueryMessage q, Addr[]? sources = null)
    {
        byte[] buf = new byte[128];
        return Hex(buf, IgmpCodec.BuildQuery(q, sources ?? Array.Empty<Addr>(), buf));
    }

    private static string Hex(byte[] buf, int length) => Convert.ToHexString(buf, 0, length).ToLowerInvariant();
}
