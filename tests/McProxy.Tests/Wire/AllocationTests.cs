using System;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class AllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParsingAV3ReportWithManyRecordsAllocatesNothing(bool v6)
    {
        byte[] buf = new byte[65536];
        V3ReportWriter w = v6 ? MldCodec.BeginV2Report(buf) : IgmpCodec.BeginV3Report(buf);
        var gen = new RandomMessages(9);
        Addr[] sources = new Addr[8];
        for (int i = 0; i < 200; i++)
        {
            for (int s = 0; s < sources.Length; s++)
            {
                sources[s] = gen.Unicast(v6);
            }

            w.AddRecord((RecordType)(1 + (i % 6)), gen.Group(v6), sources);
        }

        int len = v6 ? w.Finish(RandomMessages.MldSource, RandomMessages.MldDestination) : w.Finish();
        Addr[] sink = new Addr[8];
        var meta = v6 ? new ReceiveMeta(RandomMessages.MldSource, RandomMessages.MldDestination, 1, true)
                      : WireTestData.Igmp();

        long warm = Work(buf.AsSpan(0, len), v6, meta, sink, 10);   // JIT and tiering before measuring
        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = Work(buf.AsSpan(0, len), v6, meta, sink, 2000);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(200 * 10 * 8, warm);
        Assert.Equal(200 * 2000 * 8, total);
        Assert.Equal(0, after - before);
    }

    private static long Work(ReadOnlySpan<byte> m, bool v6, in ReceiveMeta meta, Span<Addr> sink, int rounds)
    {
        long sources = 0;
        for (int i = 0; i < rounds; i++)
        {
            DropReason r = v6 ? MldCodec.Parse(m, meta, out MembershipMessage msg) : IgmpCodec.Parse(m, meta, out msg);
            if (r != DropReason.None)
            {
                return -1;
            }

            foreach (GroupRecord rec in msg.Records)
            {
                sources += rec.CopySources(sink);
            }
        }

        return sources;
    }
}
