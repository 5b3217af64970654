using System;
using System.Buffers.Binary;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Pipeline;

/// <summary>
/// The e2e flood's traffic (tests/e2e/inject.c flood) through the pipeline: valid IGMPv3
/// reports with one record each, random type, one of a pool of groups, 0–4 random sources,
/// random reporters of a /24, at 10 reports per simulated millisecond. Found the daemon abort
/// seen in bench/peer.sh's flood; kept as its regression test.
/// </summary>
public class FloodTrafficTests
{
    [Theory]
    [InlineData(500, 10_000, 1)]
    [InlineData(500, 1024, 2)]
    [InlineData(50, 200, 3)]
    public void ValidRandomReportsKeepThePipelineSound(int pool, int maxGroups, int seed)
    {
        var rig = new PipelineRig(
            $"protocol = \"IGMPv3\"\n[settings]\nmax_groups = {maxGroups}\n[[instance]]\nname = \"f\"\nupstreams = [\"up0\"]\ndownstreams = [\"dn0\", \"dn1\"]\n",
            "flood.toml");
        var rng = new Random(FuzzBudget.Seed(seed));
        int dn0 = rig.Proxy.IdOf("dn0");
        byte[] packet = new byte[128];
        Addr[] sources = new Addr[4];
        int cases = FuzzBudget.Cases(30_000);
        for (int i = 0; i < cases; i++)
        {
            long now = 1000 + (i / 10);
            int n = rng.Next(0, 5);
            for (int s = 0; s < n; s++)
            {
                sources[s] = Addr.FromV4(0x0A00_0000u | (uint)rng.Next(1 << 24));
            }

            var type = (RecordType)rng.Next(1, 7);
            Addr group = Addr.FromV4(0xEFC8_0000u + (uint)rng.Next(pool));
            Addr reporter = Addr.FromV4(0x0A02_0000u + 2 + (uint)rng.Next(250));
            int length = Build(packet, reporter, type, group, sources.AsSpan(0, n));
            try
            {
                rig.Tick(now);
                Assert.Equal(DropReason.None, rig.Receive(now, dn0, packet.AsSpan(0, length), default));
                if (i % 500 == 499)
                {
                    rig.CheckMerge(now);
                }
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, report {i}: {type} {group} [{string.Join(",", sources[..n])}] from {reporter}\n{e}");
            }
        }
    }

    private static int Build(byte[] p, Addr reporter, RecordType type, Addr group, ReadOnlySpan<Addr> sources)
    {
        V3ReportWriter w = IgmpCodec.BeginV3Report(p.AsSpan(24));
        w.AddRecord(type, group, sources);
        int n = w.Finish();
        p.AsSpan(0, 24).Clear();
        p[0] = 0x46;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)(24 + n));
        p[8] = 1;
        p[9] = 2;
        reporter.WriteTo(p.AsSpan(12));
        Addr.Parse("224.0.0.22").WriteTo(p.AsSpan(16));
        p[20] = 0x94;
        p[21] = 4;
        return 24 + n;
    }
}
