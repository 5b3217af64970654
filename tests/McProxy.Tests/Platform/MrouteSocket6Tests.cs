using System;
using System.Buffers.Binary;
using McProxy.Interop;
using McProxy.Platform.Linux;
using McProxy.Protocol;
using Xunit;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Platform;

/// <summary>Real-kernel tests of the IPv6 mroute adapter in fresh network namespaces (root).</summary>
// Needs the kernel's multicast routing: build.sh runs these in the test VM when the host lacks it.
[Trait("Kernel", "mroute")]
public sealed class MrouteSocket6Tests
{
    private static readonly Addr Source = Addr.Parse("fd00::2");
    private static readonly Addr Group = Addr.Parse("ff0e::1:2");

    [Fact]
    public void MifsAndMfcEntriesAreInstalledAndRemovedOnDispose()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        topo.R.Run(() =>
        {
            MrouteSocket6 m = MrouteSocket6.Open(0);
            Assert.Equal(Errno.OK, m.AddMif(0, topo.R0));
            Assert.Equal(Errno.OK, m.AddMif(1, topo.R1));
            Assert.Equal(Errno.OK, m.AddMfc(Source, Group, 0, 0b10));
            string mifs = NetNs.ProcNet("ip6_mr_vif");
            Assert.Contains(" r0 ", mifs);
            Assert.Contains(" r1 ", mifs);
            string cache = NetNs.ProcNet("ip6_mr_cache");
            Assert.Contains("ff0e:0000:0000:0000:0000:0000:0001:0002 fd00:0000:0000:0000:0000:0000:0000:0002 0 ", cache);
            Assert.Contains(" 1:1", cache);
            Assert.Equal(Errno.OK, m.GetPacketCount(Source, Group, out ulong packets));
            Assert.Equal(0UL, packets);
            m.Dispose();
            Assert.DoesNotContain(" r0 ", NetNs.ProcNet("ip6_mr_vif"));
            Assert.DoesNotContain("ff0e:", NetNs.ProcNet("ip6_mr_cache"));
        });
    }

    [Fact]
    public void ReceivesReportsAndUpcallsAndSendsQueriesFromTheLinkLocalAddress()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        Addr routerLinkLocal = topo.R.Run(() => NetNs.LinkLocal("r0"));
        using MrouteSocket6 m = topo.R.Run(() =>
        {
            MrouteSocket6 s = MrouteSocket6.Open(0);
            Assert.Equal(Errno.OK, s.AddMif(0, topo.R0));
            Assert.Equal(Errno.OK, s.AddMif(1, topo.R1));
            Assert.Equal(Errno.OK, s.JoinRouterGroups(topo.R0));
            return s;
        });
        using SafeFd hostIcmp = topo.H.Run(() =>
        {
            SafeFd fd = MrouteSocket4Tests.OpenRaw(Libc.AF_INET6, Libc.IPPROTO_ICMPV6);
            Assert.Equal(Errno.OK, Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPLIMIT, 1));
            Assert.Equal(Errno.OK, Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVPKTINFO, 1));
            Assert.Equal(Errno.OK, Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPOPTS, 1));
            return fd;
        });
        using SafeFd hostUdp = topo.H.Run(() => MrouteSocket4Tests.OpenUdpJoined(topo.H0, Addr.Parse("ff0e::99")));

        // 1. The host's MLDv2 report (to ff02::16) arrives with a link-local source, hop limit 1 and RA.
        MldPacketInfo report = default;
        bool gotReport = Wait.ForReadable(m.Fd, 3000, () =>
        {
            while (true)
            {
                ReceiveResult r = m.Receive(out _, out MldPacketInfo info, out ReadOnlySpan<byte> p, out _);
                if (r is ReceiveResult.WouldBlock or ReceiveResult.Error)
                {
                    return false;
                }

                if (r == ReceiveResult.Packet && p[0] == 143 && info.IfIndex == topo.R0)
                {
                    report = info;
                    return true;
                }
            }
        });
        Assert.True(gotReport, "no MLDv2 report received");
        Assert.True(report.Source.IsV6LinkLocalUnicast, report.ToString());
        Assert.Equal(Addr.Parse("ff02::16"), report.Destination);
        Assert.Equal(1, report.HopLimit);
        Assert.True(report.RouterAlert, report.ToString());

        // 2. Data from the host for an unknown (S,G) raises MRT6MSG_NOCACHE on mif 0.
        SendUdp6(hostUdp, topo.H0, Group);
        bool upcall = Wait.ForReadable(m.Fd, 3000, () =>
        {
            while (true)
            {
                ReceiveResult r = m.Receive(out MrouteUpcall u, out _, out _, out _);
                if (r is ReceiveResult.WouldBlock or ReceiveResult.Error)
                {
                    return false;
                }

                if (r == ReceiveResult.Upcall && u == new MrouteUpcall(UpcallKind.NoCache, 0, Source, Group))
                {
                    return true;
                }
            }
        });
        Assert.True(upcall, "no NOCACHE upcall");

        // 3. A query to a global-scope group leaves from the link-local address, hop limit 1, with RA.
        using SafeFd hostMember = topo.H.Run(() => MrouteSocket4Tests.OpenUdpJoined(topo.H0, Group));
        byte[] query = new byte[28];
        query[0] = 130;
        Group.WriteV6To(query.AsSpan(8));
        Assert.Equal(Errno.OK, m.SendMld(topo.R0, routerLinkLocal, Group, query));
        byte[] buf = new byte[2048];
        byte[] name = new byte[28];
        byte[] control = new byte[512];
        Addr from = default;
        int hops = 0;
        bool ra = false;
        bool heard = Wait.ForReadable(hostIcmp, 3000, () =>
        {
            int n = Libc.RecvMsg(hostIcmp, buf, name, control, out _, out int cl, out _, out _);
            if (n > 0 && buf[0] == 130)
            {
                from = Addr.FromV6Bytes(name.AsSpan(8, 16));
                PacketInfo.Read6(control.AsSpan(0, cl), out _, out hops, out ra);
                return true;
            }

            return false;
        });
        Assert.True(heard, "query not received by the host");
        Assert.Equal(routerLinkLocal, from);
        Assert.Equal(1, hops);
        Assert.True(ra);
    }

    private static void SendUdp6(SafeFd fd, int ifindex, Addr group)
    {
        Assert.Equal(Errno.OK, Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_IF, ifindex));
        Assert.Equal(Errno.OK, Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_HOPS, 8));
        var dst = Sockaddr.In6(group);
        dst.sin6_port = BinaryPrimitives.ReverseEndianness((ushort)5000);
        Assert.Equal(Errno.OK, Libc.SendMsg(fd, "hello"u8, dst, default));
    }
}
