using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using McProxy.Interop;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using Xunit;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Platform;

/// <summary>Real-kernel tests of the IPv4 mroute adapter in fresh network namespaces (root).</summary>
// Needs the kernel's multicast routing: build.sh runs these in the test VM when the host lacks it.
[Trait("Kernel", "mroute")]
public sealed class MrouteSocket4Tests
{
    private static readonly Addr Source = Addr.Parse("10.0.0.2");
    private static readonly Addr Group = Addr.Parse("239.1.2.3");

    [Fact]
    public void VifsAndMfcEntriesAreInstalledAndRemovedOnDispose()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        topo.R.Run(() =>
        {
            MrouteSocket4 m = MrouteSocket4.Open(0);
            Assert.Equal(Errno.OK, m.AddVif(0, topo.R0));
            Assert.Equal(Errno.OK, m.AddVif(1, topo.R1));
            Assert.Equal(Errno.OK, m.AddMfc(Source, Group, 0, 0b10));
            string vifs = NetNs.ProcNet("ip_mr_vif");
            Assert.Contains(" r0 ", vifs);
            Assert.Contains(" r1 ", vifs);
            string cache = NetNs.ProcNet("ip_mr_cache");
            Assert.Contains("030201EF 0200000A 0", cache); // group, origin (raw __be32 as %08X), iif 0
            Assert.Contains(" 1:1", cache); // output vif 1 with TTL threshold 1
            Assert.Equal(Errno.OK, m.GetCounters(Source, Group, out RouteCounters counters));
            Assert.Equal(default, counters);
            m.Dispose();
            Assert.DoesNotContain(" r0 ", NetNs.ProcNet("ip_mr_vif"));
            Assert.DoesNotContain("030201EF", NetNs.ProcNet("ip_mr_cache"));
        });
    }

    [Fact]
    public void ATableHeldByAnotherSocketIsReportedAsInUse()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var ns = NetNs.Create();
        ns.Run(() =>
        {
            using MrouteSocket4 first = MrouteSocket4.Open(5);
            var ex = Assert.Throws<ErrnoException>(() => MrouteSocket4.Open(5));
            Assert.Equal(Errno.EADDRINUSE, ex.Errno);
            Assert.Contains("table 5 is in use", ex.Message);
            using MrouteSocket4 other = MrouteSocket4.Open(6);
        });
    }

    [Fact]
    public void ReceivesReportsAndUpcallsAndSendsQueriesWithRouterAlertAndTtl1()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        using MrouteSocket4 m = OpenListening(topo);
        using SafeFd hostIgmp = topo.H.Run(() => OpenRaw(Libc.AF_INET, Libc.IPPROTO_IGMP));
        using SafeFd hostUdp = topo.H.Run(() => OpenUdpJoined(topo.H0, Addr.Parse("232.1.1.1")));

        // 1. The host's unsolicited IGMPv3 report (to 224.0.0.22) reaches the router socket.
        bool report = Wait.ForReadable(m.Fd, 3000, () => DrainFor(m, r => r.Kind == ReceiveResult.Packet && r.IfIndex == topo.R0 && IgmpType(r.Packet) == 0x22));
        Assert.True(report, "no IGMPv3 report received");

        // 2. Data from the host for an unknown (S,G) raises NOCACHE on vif 0.
        SendUdp(hostUdp, topo.H0, Group);
        bool upcall = Wait.ForReadable(m.Fd, 3000, () => DrainFor(m, r => r.Kind == ReceiveResult.Upcall && r.Upcall == new MrouteUpcall(UpcallKind.NoCache, 0, Source, Group)));
        Assert.True(upcall, "no NOCACHE upcall");

        // 3. A general query leaves with TTL 1, the Router Alert option and the interface's address.
        byte[] query = [0x11, 100, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(2), Checksum(query));
        Assert.Equal(Errno.OK, m.SendIgmp(topo.R0, Addr.Parse("224.0.0.1"), query));
        byte[] buf = new byte[2048];
        byte[] got = [];
        bool heard = Wait.ForReadable(hostIgmp, 3000, () =>
        {
            int n = Libc.RecvMsg(hostIgmp, buf, default, default, out _, out _, out _, out _);
            if (n > 0 && (buf[0] & 0xF) * 4 < n && buf[(buf[0] & 0xF) * 4] == 0x11)
            {
                got = buf.AsSpan(0, n).ToArray();
                return true;
            }

            return false;
        });
        Assert.True(heard, "query not received by the host");
        Assert.Equal(0x46, got[0]); // IHL 6: one option word
        Assert.Equal(1, got[8]); // TTL 1
        Assert.Equal(new byte[] { 0x94, 0x04, 0x00, 0x00 }, got[20..24]);
        Assert.Equal(Addr.Parse("10.0.0.1"), Addr.FromBytes(got.AsSpan(12, 4)));
        Assert.Equal(Addr.Parse("224.0.0.1"), Addr.FromBytes(got.AsSpan(16, 4)));
    }

    [Fact]
    public void EveryIgmpPacketOfAnUnknownTypeIsOneDroppedEvent()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        // Issue 13 item 4: such packets were skipped inside TryReceive, so a flood of them kept
        // the caller in one call (no budget, no counter). Each must come back as its own event.
        using var topo = new KernelTopology();
        using MrouteSocket4 m = OpenListening(topo);
        const int Sent = 20;
        using SafeFd hostIgmp = topo.H.Run(() => OpenRaw(Libc.AF_INET, Libc.IPPROTO_IGMP));
        var mreq = new Libc.ip_mreqn { imr_ifindex = topo.H0 };
        Assert.Equal(Errno.OK, Libc.SetSockOpt(hostIgmp, Libc.IPPROTO_IP, Libc.IP_MULTICAST_IF, in mreq));
        byte[] dvmrp = [0x13, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(dvmrp.AsSpan(2), Checksum(dvmrp));
        for (int i = 0; i < Sent; i++)
        {
            Assert.Equal(Errno.OK, Libc.SendMsg(hostIgmp, dvmrp, Sockaddr.In(Addr.Parse("224.0.0.22")), default));
        }

        int unknown = 0;
        Wait.ForReadable(m.Fd, 3000, () =>
        {
            var ev = default(KernelEvent);
            while (m.TryReceive(ref ev, out _))
            {
                if (ev.Kind == KernelEventKind.Dropped && ev.Drop == McProxy.Protocol.Wire.DropReason.UnknownType && ev.IfIndex == topo.R0)
                {
                    unknown++;
                }
            }

            return unknown >= Sent;
        });
        Assert.Equal(Sent, unknown);
    }

    // The router's socket with vifs on r0 and r1, joined to the report groups on r0.
    private static MrouteSocket4 OpenListening(KernelTopology topo) => topo.R.Run(() =>
    {
        MrouteSocket4 s = MrouteSocket4.Open(0);
        Assert.Equal(Errno.OK, s.AddVif(0, topo.R0));
        Assert.Equal(Errno.OK, s.AddVif(1, topo.R1));
        Assert.Equal(Errno.OK, s.JoinReportGroups(topo.R0));
        return s;
    });

    private readonly record struct Received(ReceiveResult Kind, MrouteUpcall Upcall, int IfIndex, byte[] Packet);

    private static bool DrainFor(MrouteSocket4 m, Func<Received, bool> match)
    {
        while (true)
        {
            ReceiveResult r = m.Receive(out MrouteUpcall u, out int ifindex, out ReadOnlySpan<byte> packet, out _);
            if (r == ReceiveResult.WouldBlock || r == ReceiveResult.Error)
            {
                return false;
            }

            if (match(new Received(r, u, ifindex, packet.ToArray())))
            {
                return true;
            }
        }
    }

    private static int IgmpType(byte[] ipPacket) => ipPacket.Length > 24 ? ipPacket[(ipPacket[0] & 0xF) * 4] : -1;

    internal static SafeFd OpenRaw(int family, int protocol)
    {
        Assert.Equal(Errno.OK, Libc.Socket(family, Libc.SOCK_RAW, protocol, out SafeFd fd));
        return fd;
    }

    internal static SafeFd OpenUdpJoined(int ifindex, Addr group)
    {
        int family = group.IsV4 ? Libc.AF_INET : Libc.AF_INET6;
        Assert.Equal(Errno.OK, Libc.Socket(family, Libc.SOCK_DGRAM, Libc.IPPROTO_UDP, out SafeFd fd));
        var req = new Libc.group_req { gr_interface = (uint)ifindex, gr_group = Sockaddr.Storage(group) };
        Assert.Equal(Errno.OK, Libc.SetSockOpt(fd, group.IsV4 ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6, Libc.MCAST_JOIN_GROUP, in req));
        return fd;
    }

    internal static void SendUdp(SafeFd fd, int ifindex, Addr group)
    {
        var mreq = new Libc.ip_mreqn { imr_ifindex = ifindex };
        Assert.Equal(Errno.OK, Libc.SetSockOpt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_IF, in mreq));
        Assert.Equal(Errno.OK, Libc.SetSockOptInt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_TTL, 8));
        var dst = Sockaddr.In(group);
        dst.sin_port = BinaryPrimitives.ReverseEndianness((ushort)5000);
        Assert.Equal(Errno.OK, Libc.SendMsg(fd, "hello"u8, dst, default));
    }

    internal static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if ((data.Length & 1) != 0)
        {
            sum += (uint)data[^1] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
