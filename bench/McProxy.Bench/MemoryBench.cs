using System;
using System.Globalization;
using McProxy.Platform.Multicast;
using McProxy.Protocol;
using McProxy.Protocol.Wire;

namespace McProxy.Bench;

/// <summary>
/// Issue 17 item 1: where the managed heap goes. Drives the daemon's <see cref="InstanceCore"/>
/// (and the upstream <see cref="HostMembership"/> bookkeeping, on sockets that accept everything)
/// with the reports of bench/peer.sh and prints the live heap after a full collection: idle, 1k /
/// 5k / 20k groups (each joined by one of 20 hosts, TO_EX {} records, 40 a report), every group
/// joined by all 20 hosts, INCLUDE groups with 1 and 5 sources, 5,000 routes, and after the report
/// flood (30,000 single-record reports: random type, one of 500 groups, 0-4 random sources,
/// random reporter of a /24). The differences give the cost per group, per (group, host), per
/// source and per route. The figures are the JIT's object layouts, which Native AOT shares; the
/// daemon's RSS on top of them (runtime, GC reservation, code) is bench/peer.sh's.
/// </summary>
internal sealed class MemoryBench : IBench
{
    private const int Hosts = 20;

    private const string ConfigText = """
        protocol = "IGMPv3"
        [settings]
        max_groups = 100000
        max_hosts_per_group = 64
        [[instance]]
        name = "bench"
        upstreams = ["up0"]
        downstreams = ["dn0", "dn1"]
        """;

    public string Name => "memory";

    public void Run(string[] args)
    {
        Console.WriteLine("live managed heap after a full collection (GC.GetTotalMemory(true)), JIT layouts = AOT layouts");
        long baseline = Live();
        var idle = NewPipeline();
        long idleBytes = Live() - baseline;
        Print("idle instance (2 downstreams, 1 upstream)", idleBytes, 0, "");
        GC.KeepAlive(idle);
        idle = null;

        long g5k = 0;
        foreach (int n in new[] { 1000, 5000, 20000 })
        {
            long before = Live();
            BenchPipeline p = NewPipeline();
            JoinGroups(p, n, hostsPerGroup: 1);
            long bytes = Live() - before - idleBytes;
            Print($"{n,6:N0} groups, one host each", bytes, n, "group");
            if (n == 5000)
            {
                g5k = bytes;
            }

            GC.KeepAlive(p);
        }

        {
            long before = Live();
            BenchPipeline p = NewPipeline();
            JoinGroups(p, 5000, hostsPerGroup: Hosts);
            long bytes = Live() - before - idleBytes;
            Print(" 5,000 groups, all 20 hosts each", bytes, 0, "");
            Print("   per (group, host) beyond the first", bytes - g5k, 5000 * (Hosts - 1), "(group, host)");
            GC.KeepAlive(p);
        }

        long inc1;
        {
            long before = Live();
            BenchPipeline p = NewPipeline();
            IncludeGroups(p, 5000, 1);
            inc1 = Live() - before - idleBytes;
            Print(" 5,000 INCLUDE groups, 1 source", inc1, 5000, "group");
            GC.KeepAlive(p);
        }

        {
            long before = Live();
            BenchPipeline p = NewPipeline();
            IncludeGroups(p, 5000, 5);
            long bytes = Live() - before - idleBytes;
            Print(" 5,000 INCLUDE groups, 5 sources", bytes, 0, "");
            Print("   per source beyond the first", bytes - inc1, 5000 * 4, "source");
            GC.KeepAlive(p);
        }

        {
            long before = Live();
            BenchPipeline p = NewPipeline();
            int up = p.IdOf("up0");
            for (int i = 0; i < 5000; i++)
            {
                p.Core.OnData(0, up, Addr.FromV4(0x0A01_0000u + (uint)(i % 50)), Addr.FromV4(0xEF05_0000u + (uint)i));
            }

            long bytes = Live() - before - idleBytes;
            Print(" 5,000 routes (no listener)", bytes, 5000, "route");
            GC.KeepAlive(p);
        }

        {
            long before = Live();
            BenchPipeline p = NewPipeline();
            long now = Flood(p, 30000, seed: 17);
            long bytes = Live() - before - idleBytes;
            Print("after the flood (30,000 random reports)", bytes, 0, "");
            Print($"   ({p.Downstream("dn0").GroupCount} groups held)", 0, 0, "");
            GC.KeepAlive(p);
            GC.KeepAlive(now);
        }

        {
            long before = Live();
            var hm = new HostMembership(IpFamily.V4, 20, 10, new NullHostSockets());
            for (int i = 0; i < 5000; i++)
            {
                hm.SetMembership(1, Addr.FromV4(0xEF0A_0000u + (uint)i), FilterMode.Exclude, default);
            }

            Print("HostMembership alone, 5,000 EXCLUDE {} groups", Live() - before, 5000, "group");
            GC.KeepAlive(hm);
        }
    }

    private static BenchPipeline NewPipeline()
    {
        var p = new BenchPipeline(ConfigText, "bench.toml");
        p.Ports.Upstream = new HostMembership(IpFamily.V4, 20, 10, new NullHostSockets());
        return p;
    }

    private static void Print(string label, long bytes, int units, string unit)
    {
        string per = units > 0 ? string.Create(CultureInfo.InvariantCulture, $"  {bytes / (double)units,8:F1} B/{unit}") : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-48} {bytes,12:N0} B{per}"));
    }

    private static long Live()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Addr Host(int h) => Addr.FromV4(0x0A02_0000u + 10 + (uint)h);

    private static void JoinGroups(BenchPipeline p, int groups, int hostsPerGroup)
    {
        int id = p.IdOf("dn0");
        byte[] buf = new byte[1500];
        long now = 1000;
        for (int h = 0; h < Hosts; h++)
        {
            int first = 0;
            while (first < groups)
            {
                V3ReportWriter w = IgmpCodec.BeginV3Report(buf.AsSpan(24));
                int k = 0;
                for (; first < groups && k < 40; first++)
                {
                    if (hostsPerGroup == Hosts || first % Hosts == h)
                    {
                        w.AddRecord(RecordType.ChangeToExclude, Addr.FromV4(0xEF0A_0000u + (uint)first), default);
                        k++;
                    }
                }

                if (k > 0)
                {
                    Send(p, id, now, Host(h), buf, w.Finish());
                }
            }
        }
    }

    private static void IncludeGroups(BenchPipeline p, int groups, int sources)
    {
        int id = p.IdOf("dn0");
        byte[] buf = new byte[1500];
        var src = new Addr[sources];
        for (int s = 0; s < sources; s++)
        {
            src[s] = Addr.FromV4(0x0A01_0000u + (uint)s + 1);
        }

        for (int g = 0; g < groups; g += 10)
        {
            V3ReportWriter w = IgmpCodec.BeginV3Report(buf.AsSpan(24));
            for (int k = g; k < g + 10 && k < groups; k++)
            {
                w.AddRecord(RecordType.AllowNewSources, Addr.FromV4(0xE80A_0000u + (uint)k), src);
            }

            Send(p, id, 1000, Host(0), buf, w.Finish());
        }
    }

    private static long Flood(BenchPipeline p, int reports, int seed)
    {
        int id = p.IdOf("dn0");
        var rnd = new Random(seed);
        byte[] buf = new byte[1500];
        var src = new Addr[4];
        long now = 1000;
        for (int i = 0; i < reports; i++)
        {
            int n = rnd.Next(5);
            for (int k = 0; k < n; k++)
            {
                src[k] = Addr.FromV4(0x0A00_0000u | (uint)rnd.Next(0x1000000));
            }

            V3ReportWriter w = IgmpCodec.BeginV3Report(buf.AsSpan(24));
            w.AddRecord((RecordType)(1 + rnd.Next(6)), Addr.FromV4(0xEFC8_0000u + (uint)rnd.Next(500)), src.AsSpan(0, n));
            now += i % 5 == 0 ? 1 : 0; // 5,000 reports/s
            Send(p, id, now, Addr.FromV4(0x0A02_0000u + 2 + (uint)rnd.Next(250)), buf, w.Finish());
        }

        return now;
    }

    // The report of n bytes at offset 24 of buf, behind its IPv4 header.
    private static void Send(BenchPipeline p, int id, long now, Addr reporter, byte[] buf, int n)
    {
        BenchPipeline.WriteIpHeader(buf, reporter, n);
        DropReason r = p.Receive(now, id, buf.AsSpan(0, 24 + n));
        if (r != DropReason.None)
        {
            throw new InvalidOperationException("a benchmark packet was dropped: " + r);
        }
    }
}
