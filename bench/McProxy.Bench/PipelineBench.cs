using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using McProxy.Protocol;
using McProxy.Protocol.Wire;

namespace McProxy.Bench;

/// <summary>
/// Issue 4's figure: IGMPv3 single-record reports per second through the pure pipeline (parse
/// with its IPv4 header, membership state update, RFC 4605 merge, upstream subscription and
/// route diff; ports are no-ops) on one thread. Scenarios: "refresh" (IS_EX {} for 1,000 known
/// groups from 4 hosts: the steady state of a busy LAN; "refresh 20k" the same for 20,000 groups), "churn" (TO_EX {} / TO_IN {} joins and
/// leaves of 1,000 groups with fast leave and a route per group: every report changes the
/// upstream subscription and the route) and "sources" (ALLOW / BLOCK of one source of 1,000
/// INCLUDE groups: each BLOCK lowers the source timer and starts group-and-source queries). Target: at least 200,000 reports/s. Optional argument: seconds
/// to measure per scenario (default 3; a 1 s warm-up comes first).
/// </summary>
internal sealed class PipelineBench : IBench
{
    private const int Groups = 1000;
    private const int Stride = 96;

    private const string ConfigText = """
        protocol = "IGMPv3"
        [settings]
        max_groups = 100000
        [[instance]]
        name = "bench"
        upstreams = ["up0"]
        downstreams = ["dn0", "dn1"]
        [interface."dn1"]
        fast_leave = true
        """;

    public string Name => "pipeline";

    public void Run(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine($"single-record IGMPv3 reports through parse -> table -> merge -> ports, one thread, {seconds} s each");
        Measure("refresh", "dn0", seconds, RefreshPackets(Groups));
        // The same at 20,000 groups (issue 17's cost curve: per-record CPU should stay flat).
        Measure("refresh 20k", "dn0", seconds, RefreshPackets(20_000));
        Measure("churn", "dn1", seconds, ChurnPackets());
        Measure("sources", "dn1", seconds, SourcePackets());
        Measure("flood", "dn0", seconds, FloodPackets(), upstream: true);
    }

    private static void Measure(string label, string downstream, double seconds, byte[][] packets, bool upstream = false)
    {
        var pipe = new BenchPipeline(ConfigText, "bench.toml");
        if (upstream)
        {
            // The upstream bookkeeping the daemon does for every subscription change, on sockets
            // that accept every call.
            pipe.Ports.Upstream = new McProxy.Platform.Multicast.HostMembership(IpFamily.V4, 20, 10, new NullHostSockets());
        }

        int id = pipe.IdOf(downstream);
        int up = pipe.IdOf("up0");
        Addr sender = Addr.Parse("10.1.0.2");
        for (int g = 0; g < Groups; g++)
        {
            // A route per group, so joins and leaves have a route diff to compute.
            pipe.Core.OnData(0, up, sender, GroupOf(g));
        }

        long now = 1000;
        long reports = 0;
        RunFor(pipe, id, packets, 1.0, ref now, ref reports, upstream);
        long subscriptions = pipe.Ports.Subscriptions, routes = pipe.Ports.RouteChanges, queries = pipe.Ports.Queries;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        reports = 0;
        double elapsed = RunFor(pipe, id, packets, seconds, ref now, ref reports, upstream);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-8} {reports / elapsed,12:N0} reports/s  {elapsed * 1e9 / reports,7:F0} ns/report  " +
            $"{(pipe.Ports.Subscriptions - subscriptions) / (double)reports,5:F2} subscriptions/report  " +
            $"{(pipe.Ports.RouteChanges - routes) / (double)reports,5:F2} route changes/report  " +
            $"{(pipe.Ports.Queries - queries) / (double)reports,5:F2} queries/report  " +
            $"{allocated / (double)reports,6:F1} B allocated/report  ({reports:N0} reports, {pipe.Downstream(downstream).GroupCount} groups)"));
    }

    private static double RunFor(BenchPipeline pipe, int id, byte[][] packets, double seconds, ref long now, ref long reports, bool freshSources = false)
    {
        long start = Stopwatch.GetTimestamp();
        long limit = (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() - start < limit)
        {
            foreach (byte[] p in packets)
            {
                // 10 µs of simulated time per report: timers run now and then, as they would.
                now += (reports & 0x7F) == 0 ? 1 : 0;
                if (freshSources)
                {
                    FreshSources(p, (uint)reports);
                }

                if (pipe.Receive(now, id, p) != DropReason.None)
                {
                    throw new InvalidOperationException("a benchmark packet was dropped");
                }

                reports++;
            }
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    // bench/peer.sh's flood: one record each, random type, one of 500 groups, 0-4 random sources,
    // random reporter of a /24 (a fixed seed, so runs compare).
    private static byte[][] FloodPackets()
    {
        var rnd = new Random(17);
        var list = new byte[20_000][];
        var src = new Addr[4];
        for (int i = 0; i < list.Length; i++)
        {
            int n = rnd.Next(5);
            for (int k = 0; k < n; k++)
            {
                src[k] = Addr.FromV4(0x0A00_0000u | (uint)rnd.Next(0x1000000));
            }

            var type = (RecordType)(1 + rnd.Next(6));
            list[i] = Packet(Addr.FromV4(0x0A02_0000u + 2 + (uint)rnd.Next(250)), type, Addr.FromV4(0xEFC8_0000u + (uint)rnd.Next(500)), src.AsSpan(0, n));
        }

        return list;
    }

    // New random sources (10.x.y.z) in a one-record report, as a flood of random records keeps
    // sending: rewritten in place, IGMP checksum recomputed (no allocation).
    private static void FreshSources(byte[] p, uint seed)
    {
        Span<byte> igmp = p.AsSpan(24);
        int n = BinaryPrimitives.ReadUInt16BigEndian(igmp[10..]);
        uint x = (seed * 2654435761u) | 1;
        for (int k = 0; k < n; k++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            BinaryPrimitives.WriteUInt32BigEndian(igmp[(16 + (4 * k))..], 0x0A00_0000u | (x & 0xFF_FFFF));
        }

        igmp[2] = 0;
        igmp[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(igmp[2..], InetChecksum.Compute(igmp));
    }

    private static Addr GroupOf(int g) => Addr.FromV4(0xEF01_0000u + (uint)g);

    private static byte[][] RefreshPackets(int groups)
    {
        var list = new byte[groups * 4][];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = Packet(Addr.FromV4(0x0A02_0000u + 10 + (uint)(i % 4)), RecordType.ModeIsExclude, GroupOf(i / 4), default);
        }

        return list;
    }

    private static byte[][] ChurnPackets()
    {
        var list = new byte[Groups * 2][];
        Addr host = Addr.Parse("10.2.0.10");
        for (int g = 0; g < Groups; g++)
        {
            list[2 * g] = Packet(host, RecordType.ChangeToExclude, GroupOf(g), default);
            list[(2 * g) + 1] = Packet(host, RecordType.ChangeToInclude, GroupOf(g), default);
        }

        return list;
    }

    private static byte[][] SourcePackets()
    {
        var list = new byte[Groups * 2][];
        Addr host = Addr.Parse("10.2.0.10");
        Addr[] source = { Addr.Parse("10.1.0.2") };
        for (int g = 0; g < Groups; g++)
        {
            list[2 * g] = Packet(host, RecordType.AllowNewSources, GroupOf(g), source);
            list[(2 * g) + 1] = Packet(host, RecordType.BlockOldSources, GroupOf(g), source);
        }

        return list;
    }

    private static byte[] Packet(Addr reporter, RecordType type, Addr group, ReadOnlySpan<Addr> sources)
    {
        byte[] p = new byte[Stride];
        V3ReportWriter w = IgmpCodec.BeginV3Report(p.AsSpan(24));
        w.AddRecord(type, group, sources);
        int n = w.Finish();
        BenchPipeline.WriteIpHeader(p, reporter, n);
        return p.AsSpan(0, 24 + n).ToArray();
    }
}
