using System;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Pipeline;

/// <summary>
/// Mutation fuzz over the whole receive pipeline (codec → membership table and querier →
/// RFC 4605 core → ports), seeded and reproducible: valid traffic over small pools of groups,
/// sources, hosts and queriers, half of it mutated, with time jumping so that timers, queries
/// and expiries interleave. Nothing may throw; every port call must be one the kernel may get
/// (see <see cref="PipelineRig"/>); every few steps the upstream state must equal the RFC 4605
/// merge of the downstream states and no table may exceed max_groups. Now and then an interface
/// goes away or comes back with a new ifindex.
/// Long runs: MCPROXY_FUZZ_CASES=N (and MCPROXY_FUZZ_SEED) via bench/fuzz-long.sh.
/// </summary>
public class PipelineFuzzTests
{
    private const string Limited = """
        protocol = "{0}"
        [settings]
        max_groups = 6
        max_sources_per_group = 5
        max_hosts_per_group = 3
        robustness = 1
        query_interval = "20s"
        query_response_interval = "2s"
        last_member_query_interval = "500ms"
        [[instance]]
        name = "fuzz"
        upstreams = ["up0"]
        downstreams = ["dn0", "dn1", "dn2"]
        [interface."dn1"]
        fast_leave = true
        """;

    [Theory]
    [InlineData("IGMPv3", 1)]
    [InlineData("IGMPv3", 2)]
    [InlineData("IGMPv2", 3)]
    [InlineData("MLDv2", 4)]
    [InlineData("MLDv1", 5)]
    public void MutatedTrafficKeepsThePipelineSound(string protocol, int seed)
    {
        var rig = new PipelineRig($"protocol {protocol};\npinstance fuzz: up0 ==> dn0 dn1 dn2;\n", "fuzz.conf", lateUpstreams: seed % 2 == 0);
        Run(rig, FuzzBudget.Seed(seed), FuzzBudget.Cases(4000));
    }

    [Theory]
    [InlineData("IGMPv3", 11)]
    [InlineData("MLDv2", 12)]
    public void MutatedTrafficRespectsSmallLimits(string protocol, int seed)
    {
        var rig = new PipelineRig(Limited.Replace("{0}", protocol, StringComparison.Ordinal), "fuzz.toml");
        Run(rig, FuzzBudget.Seed(seed), FuzzBudget.Cases(4000));
    }

    private static void Run(PipelineRig rig, int seed, int cases)
    {
        var source = new PacketSource(seed, rig.V6);
        Random rng = source.Rng;
        byte[] packet = new byte[70_000];
        int[] downstreams = new int[3];
        int dn = 0;
        foreach (int id in rig.DownstreamIds)
        {
            downstreams[dn++] = id;
        }

        int upstream = rig.Proxy.UpstreamIds[0];
        long now = 1000;
        for (int i = 0; i < cases; i++)
        {
            now += rng.Next(100) switch
            {
                < 70 => rng.Next(0, 200),
                < 95 => rng.Next(0, 5_000),
                _ => rng.Next(0, 300_000),
            };
            int length = source.Next(packet, mutate: rng.Next(2) == 0);
            int on = rng.Next(10) == 0 ? upstream : downstreams[rng.Next(dn)];
            var meta = new ReceiveMeta(source.Source, source.Destination, source.HopLimit, true, ChecksumVerified: rng.Next(4) != 0);
            try
            {
                rig.Tick(now);
                if (rng.Next(200) == 0)
                {
                    // An interface goes away or comes back (with a new ifindex), as links do.
                    int which = rng.Next(rig.Proxy.InterfaceCount);
                    if (rig.Core.IsAttached(which))
                    {
                        rig.Detach(now, which);
                    }
                    else
                    {
                        rig.Attach(now, which);
                    }
                }

                rig.Receive(now, on, packet.AsSpan(0, length), meta);
                if (rng.Next(8) == 0)
                {
                    rig.DataArrives(now, source.RandomSource(), source.RandomGroup(), rng.Next(4) == 0 ? downstreams[0] : upstream);
                }

                if (i % 16 == 15 || i == cases - 1)
                {
                    rig.CheckMerge(now);
                }
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, case {i} on interface {on} at {now} ms, from {source.Source}: " +
                    $"{Convert.ToHexString(packet, 0, Math.Min(length, 256))}\n{e}");
            }
        }

        // The fuzz must reach the state machines and the drop paths, not only the first check.
        Assert.True(rig.Accepted > cases / 4, $"only {rig.Accepted} of {cases} packets accepted");
        Assert.True(rig.SubscriptionCalls > 10, $"only {rig.SubscriptionCalls} upstream subscription changes");
        Assert.True(rig.QueriesSent > 0, "no queries sent");
        int reasons = 0;
        for (int r = 1; r < rig.Drops.Length; r++)
        {
            reasons += rig.Drops[r] > 0 ? 1 : 0;
        }

        Assert.True(reasons >= 4, $"drops reached only {reasons} reasons");
    }
}
