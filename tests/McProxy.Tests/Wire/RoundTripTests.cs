using System;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class RoundTripTests
{
    private static readonly ProtocolVersion[] Versions =
    {
        ProtocolVersion.IGMPv1, ProtocolVersion.IGMPv2, ProtocolVersion.IGMPv3, ProtocolVersion.MLDv1, ProtocolVersion.MLDv2,
    };

    [Fact]
    public void QueriesRoundTrip()
    {
        var gen = new RandomMessages(4605);
        byte[] buf = new byte[2048];
        var got = new Addr[64];
        for (int i = 0; i < 5000; i++)
        {
            ProtocolVersion v = Versions[i % Versions.Length];
            QueryMessage q = gen.Query(v, out Addr[] sources);
            DropReason r = BuildAndParse(q, sources, buf, out MembershipMessage msg);
            Assert.Equal(DropReason.None, r);
            Assert.Equal(Expected(q), msg.Query);
            Assert.Equal(sources.Length, msg.CopyQuerySources(got));
            Assert.Equal(sources, got.AsSpan(0, sources.Length).ToArray());
            MessageKind kind = sources.Length > 0 ? MessageKind.GroupSourceQuery
                : q.IsGeneral ? MessageKind.GeneralQuery : MessageKind.GroupQuery;
            Assert.Equal(kind, msg.Kind);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void V3ReportsRoundTrip(bool v6)
    {
        var gen = new RandomMessages(v6 ? 3810 : 3376);
        byte[] buf = new byte[65536];
        var sources = new Addr[64];
        for (int i = 0; i < 2000; i++)
        {
            // Generate twice from the same seed: once to write, once to know what was written.
            int seed = gen.Rng.Next();
            int len = new RandomMessages(seed).Report(v6, buf, 20, 30);
            var expect = new RandomMessages(seed);
            Assert.Equal(DropReason.None, Parse(v6, buf.AsSpan(0, len), out MembershipMessage msg));
            Assert.Equal(MessageKind.V3Report, msg.Kind);
            Assert.Equal(0, msg.SkippedRecordCount);
            int records = expect.Rng.Next(1, 21);
            Assert.Equal(records, msg.UsableRecordCount);
            int seen = 0;
            foreach (GroupRecord rec in msg.Records)
            {
                Assert.Equal((RecordType)expect.Rng.Next(1, 7), rec.Type);
                Assert.Equal(expect.Group(v6), rec.Group);
                Addr[] want = expect.Sources(v6, 30);
                expect.Rng.Next(0, 3);
                Assert.Equal(want.Length, rec.SourceCount);
                Assert.Equal(want.Length, rec.CopySources(sources));
                Assert.Equal(want, sources.AsSpan(0, want.Length).ToArray());
                seen++;
            }

            Assert.Equal(records, seen);
        }
    }

    [Fact]
    public void SimpleMessagesRoundTrip()
    {
        var gen = new RandomMessages(2236);
        byte[] buf = new byte[64];
        for (int i = 0; i < 2000; i++)
        {
            Addr g4 = gen.Group(false);
            Check(false, IgmpCodec.BuildV1Report(g4, buf), MessageKind.V1Report, ProtocolVersion.IGMPv1, g4);
            Check(false, IgmpCodec.BuildV2Report(g4, buf), MessageKind.V2Report, ProtocolVersion.IGMPv2, g4);
            Check(false, IgmpCodec.BuildLeave(g4, buf), MessageKind.Leave, ProtocolVersion.IGMPv2, g4);
            Addr g6 = gen.Group(true);
            Check(true, MldCodec.BuildV1Report(g6, RandomMessages.MldSource, RandomMessages.MldDestination, buf), MessageKind.V2Report, ProtocolVersion.MLDv1, g6);
            Check(true, MldCodec.BuildDone(g6, RandomMessages.MldSource, RandomMessages.MldDestination, buf), MessageKind.Leave, ProtocolVersion.MLDv1, g6);
        }

        void Check(bool v6, int len, MessageKind kind, ProtocolVersion version, Addr group)
        {
            Assert.Equal(DropReason.None, Parse(v6, buf.AsSpan(0, len), out MembershipMessage msg));
            Assert.Equal(kind, msg.Kind);
            Assert.Equal(version, msg.Version);
            Assert.Equal(group, msg.Group);
        }
    }

    internal static DropReason BuildAndParse(in QueryMessage q, Addr[] sources, byte[] buf, out MembershipMessage msg)
    {
        if (q.Version.Family() == IpFamily.V4)
        {
            int n = IgmpCodec.BuildQuery(q, sources, buf);
            return IgmpCodec.Parse(buf.AsSpan(0, n), WireTestData.Igmp(), out msg);
        }

        // RFC 3810 §5.1.15: general queries to ff02::1, specific ones to the group.
        Addr dst = q.IsGeneral ? Addr.Parse("ff02::1") : q.Group;
        int len = MldCodec.BuildQuery(q, sources, RandomMessages.MldSource, dst, buf);
        return MldCodec.Parse(buf.AsSpan(0, len), new ReceiveMeta(RandomMessages.MldSource, dst, 1, true), out msg);
    }

    internal static int BuildQueryBytes(RandomMessages gen, bool v6, byte[] buf)
    {
        ProtocolVersion v = Versions[(v6 ? 3 : 0) + gen.Rng.Next(0, v6 ? 2 : 3)];
        QueryMessage q = gen.Query(v, out Addr[] sources);
        return v6 ? MldCodec.BuildQuery(q, sources, RandomMessages.MldSource, RandomMessages.MldDestination, buf)
                  : IgmpCodec.BuildQuery(q, sources, buf);
    }

    internal static DropReason Parse(bool v6, ReadOnlySpan<byte> m, out MembershipMessage msg) =>
        v6 ? MldCodec.Parse(m, new ReceiveMeta(RandomMessages.MldSource, RandomMessages.MldDestination, 1, true), out msg)
           : IgmpCodec.Parse(m, WireTestData.Igmp(), out msg);

    // What the receiver can learn of a query after the wire's rounding and clamping.
    private static QueryMessage Expected(in QueryMessage q)
    {
        int qrv = q.Robustness is >= 1 and <= 7 ? q.Robustness : 0;
        return q.Version switch
        {
            ProtocolVersion.IGMPv1 => new QueryMessage(q.Version, Addr.AnyV4, 10_000, false, 0, 0, 0),
            ProtocolVersion.IGMPv2 => new QueryMessage(q.Version, q.Group, Math.Clamp(q.MaxRespMs / 100, 1, 255) * 100, false, 0, 0, 0),
            ProtocolVersion.MLDv1 => new QueryMessage(q.Version, q.Group, Math.Min(q.MaxRespMs, 65535), false, 0, 0, 0),
            ProtocolVersion.IGMPv3 => q with
            {
                MaxRespMs = TimeCode.DecodeIgmpMaxResp(TimeCode.EncodeIgmpMaxResp(q.MaxRespMs)),
                Robustness = qrv,
                QueryIntervalSeconds = TimeCode.DecodeQqic(TimeCode.EncodeQqic(q.QueryIntervalSeconds)),
            },
            _ => q with
            {
                MaxRespMs = TimeCode.DecodeMldMaxResp(TimeCode.EncodeMldMaxResp(q.MaxRespMs)),
                Robustness = qrv,
                QueryIntervalSeconds = TimeCode.DecodeQqic(TimeCode.EncodeQqic(q.QueryIntervalSeconds)),
            },
        };
    }
}
