using System;
using System.Diagnostics;
using System.Globalization;
using McProxy.Platform.Multicast;

namespace McProxy.Bench;

/// <summary>
/// Issue 17 item 2: the upstream bookkeeping (<see cref="HostMembership"/>, on sockets that accept
/// every call) per subscription change: 1,000 INCLUDE groups of 40 sources (igmp_max_msf 10, so
/// 4 sockets' worth each), each change swapping one source for a new one (one source join, one
/// source leave), as a LAN of SSM viewers zapping does. Prints ns and bytes allocated per change.
/// </summary>
internal sealed class UpstreamBench : IBench
{
    private const int Groups = 1000;
    private const int Sources = 40;

    public string Name => "upstream";

    public void Run(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var hm = new HostMembership(IpFamily.V4, 20, 10, new NullHostSockets());
        var sets = new Addr[Groups][];
        for (int g = 0; g < Groups; g++)
        {
            sets[g] = new Addr[Sources];
            for (int s = 0; s < Sources; s++)
            {
                sets[g][s] = Addr.FromV4(0x0A00_0000u + (uint)s + 1);
            }

            hm.SetMembership(1, Group(g), FilterMode.Include, sets[g]);
        }

        long changes = 0;
        uint next = 1000;
        Run(hm, sets, 0.5, ref changes, ref next);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        changes = 0;
        // CPU time, not wall time: the figure holds on a shared, loaded machine.
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        Run(hm, sets, seconds, ref changes, ref next);
        double elapsed = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"INCLUDE source swap, {Groups} groups x {Sources} sources: {elapsed * 1e9 / changes,7:F0} ns CPU/change  {allocated / (double)changes,6:F1} B allocated/change  ({changes:N0} changes, {hm.SocketCount} sockets)"));
    }

    private static Addr Group(int g) => Addr.FromV4(0xE801_0000u + (uint)g);

    private static void Run(HostMembership hm, Addr[][] sets, double seconds, ref long changes, ref uint next)
    {
        long limit = (long)(seconds * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start < limit)
        {
            for (int g = 0; g < Groups; g++)
            {
                // Replace the lowest source with a new highest one: the set stays sorted.
                Addr[] set = sets[g];
                Array.Copy(set, 1, set, 0, Sources - 1);
                set[Sources - 1] = Addr.FromV4(0x0A00_0000u + next++);
                hm.SetMembership(1, Group(g), FilterMode.Include, set);
                changes++;
            }
        }
    }
}
