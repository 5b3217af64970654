using System;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Protocol.Downstream;
using Xunit;

namespace McProxy.Tests.Membership;

/// <summary>Steady state (reports, queries, timers, churn through the pool) must not allocate.</summary>
public class AllocationTests
{
    private sealed class CountingPort : IQueryPort
    {
        public long Count;

        public void SendQuery(in QueryMessage query, ReadOnlySpan<Addr> sources) => Count += 1 + sources.Length;
    }

    private sealed class CountingListener : IMembershipListener
    {
        public long Count;

        public void OnMembershipChanged(int interfaceId, Addr group) => Count++;
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    public void Thousands_of_report_and_query_cycles_allocate_nothing(string family)
    {
        bool v6 = family == "v6";
        const int Groups = 2_000;
        var port = new CountingPort();
        var listener = new CountingListener();
        var settings = InterfaceSettings.Default with { FastLeave = true, MaxGroups = 4_096 };
        var iface = new DownstreamInterface(1, v6 ? ProtocolVersion.MLDv2 : ProtocolVersion.IGMPv3, settings, port, listener);
        Addr A(int i, int kind) => v6
            ? new Addr(kind == 0 ? 0xff0e_0000_0000_0000UL : kind == 1 ? 0x2001_0db8_0000_0000UL : 0xfe80_0000_0000_0000UL, (ulong)i)
            : Addr.FromV4(kind == 0 ? (byte)239 : kind == 1 ? (byte)10 : (byte)192, 1, (byte)(i >> 8), (byte)i);
        var groups = new Addr[Groups];
        var hosts = new Addr[Groups];
        for (int i = 0; i < Groups; i++)
        {
            groups[i] = A(i + 1, 0);
            hosts[i] = A(i + 1, 2);
        }

        Addr[] sources = { A(1, 1), A(2, 1), A(3, 1) };
        Addr[] block = { A(2, 1) };
        Addr querier = v6 ? new Addr(0xfe80_0000_0000_0000UL, 0xffff) : Addr.FromV4(192, 1, 255, 255);
        var general = new QueryMessage(v6 ? ProtocolVersion.MLDv2 : ProtocolVersion.IGMPv3, v6 ? default : Addr.AnyV4, 10_000, false, 2, 125, 0);
        iface.SetOwnAddress(v6 ? new Addr(0xfe80_0000_0000_0000UL, 1) : Addr.FromV4(192, 1, 0, 1));
        iface.Start(0);
        long now = 0;

        void Cycle()
        {
            now += 125_000;
            iface.OnTimer(now);
            for (int i = 0; i < Groups; i++)
            {
                bool include = (i & 1) == 0;
                iface.OnRecord(now + 1, hosts[i], include ? RecordType.ModeIsInclude : RecordType.ModeIsExclude, groups[i], include ? sources : default);
                if (i % 50 == 0)
                {
                    iface.OnRecord(now + 2, hosts[i], RecordType.ChangeToInclude, groups[i], default); // fast leave
                    iface.OnRecord(now + 3, hosts[i], RecordType.ChangeToExclude, groups[i], default); // rejoin from the pool
                }
                else if (i % 10 == 0 && include)
                {
                    iface.OnRecord(now + 2, hosts[i], RecordType.BlockOldSources, groups[i], block);
                    iface.OnRecord(now + 1_500, hosts[i], RecordType.AllowNewSources, groups[i], block);
                }

                iface.TryGetGroup(groups[i], out _, out _);
                iface.WantsSource(groups[i], sources[1]);
            }

            iface.OnQuery(now + 4, querier, general, default);
            iface.OnTimer(now + 10_000);
        }

        for (int i = 0; i < 3; i++)
        {
            Cycle();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            Cycle();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(port.Count > 20 * Groups / 10);
        Assert.True(listener.Count > 0);
        Assert.Equal(Groups, iface.GroupCount);
        Assert.True(allocated < 1_024, $"allocated {allocated} bytes in steady state");
    }
}
