using System;
using System.Runtime.InteropServices;
using McProxy.Interop;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Libc = McProxy.Interop.Interop.Libc;
using Mroute = McProxy.Interop.Interop.Mroute;

namespace McProxy.Platform.Multicast;

/// <summary>
/// One proxy instance's IPv4 multicast routing table: the raw IGMP socket that owns the kernel
/// table (MRT_INIT), its VIFs and MFC entries, receives upcalls and IGMP, and sends queries.
/// One socket does both receiving and sending: every raw IGMP socket gets a copy of every
/// IGMP packet, so a second socket would only fill a receive queue nobody reads.
/// </summary>
internal sealed class MrouteSocket4 : MrouteSocket
{
    /// <summary>Router Alert IP option (RFC 2113): type 148, length 4, value 0.</summary>
    private static ReadOnlySpan<byte> RouterAlert => [0x94, 0x04, 0x00, 0x00];

    /// <summary>
    /// 224.0.0.22 (IGMPv3 reports, RFC 3376 §4.2.14) and 224.0.0.2 (IGMPv2 leaves, RFC 2236 §3):
    /// link-local groups reach local sockets only when joined. Reports to routable groups
    /// (IGMPv1/v2) reach the socket through MRT_INIT's router-alert hook.
    /// </summary>
    private static readonly Addr[] ReportGroupList = [Addr.FromV4(224, 0, 0, 22), Addr.FromV4(224, 0, 0, 2)];

    private readonly byte[] _sendControl = new byte[Libc.CmsgSpace(12)];
    private readonly byte[] _queryBuffer = new byte[1500];

    private MrouteSocket4(SafeFd fd, int table)
        : base(fd, table, IpFamily.V4, Libc.IPPROTO_IP, Mroute.MRT_DONE, Mroute.MAXVIFS, KernelLimits.IgmpMaxMemberships)
    {
    }

    public override IpFamily Family => IpFamily.V4;

    protected override ReadOnlySpan<Addr> ReportGroups => ReportGroupList;

    /// <summary>
    /// Opens the socket and takes kernel table <paramref name="table"/> (0 = the default table).
    /// Throws <see cref="ErrnoException"/>: EADDRINUSE when another router holds the table,
    /// EPERM without CAP_NET_ADMIN, ENOPROTOOPT without CONFIG_IP_MROUTE(_MULTIPLE_TABLES).
    /// </summary>
    public static MrouteSocket4 Open(int table) =>
        OpenRaw(Libc.AF_INET, Libc.IPPROTO_IGMP, "AF_INET, SOCK_RAW, IPPROTO_IGMP", fd =>
        {
            ClaimTable(fd, Libc.IPPROTO_IP, Mroute.MRT_TABLE, Mroute.MRT_INIT, table, "IPv4");
            // WRONGVIF upcalls: data of an (S,G) arriving on one of its entry's outputs instead of
            // its input is reported (at most every 3 s per entry), so a route a spoofed packet put
            // on the wrong input is re-evaluated at once (docs/behaviour.md §6).
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IP, Mroute.MRT_ASSERT, 1), "MRT_ASSERT");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IP, Libc.IP_PKTINFO, 1), "IP_PKTINFO");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_LOOP, 0), "IP_MULTICAST_LOOP");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_TTL, 1), "IP_MULTICAST_TTL");
            Check(Libc.SetSockOpt(fd, Libc.IPPROTO_IP, Libc.IP_OPTIONS, RouterAlert), "IP_OPTIONS router alert");
            return new MrouteSocket4(fd, table);
        });

    /// <summary>SIOCGETSGCNT on this socket, so this instance's table is the one asked.</summary>
    public override Errno GetCounters(Addr source, Addr group, out RouteCounters counters)
    {
        var req = new Mroute.sioc_sg_req { src = Sockaddr.InAddr(source), grp = Sockaddr.InAddr(group) };
        Errno e = Mroute.GetSgCount(Fd, ref req);
        counters = e == Errno.OK ? new RouteCounters(req.pktcnt.Value, req.bytecnt.Value, req.wrong_if.Value) : default;
        return e;
    }

    /// <summary>The source is the kernel's choice: the interface's primary address.</summary>
    public override Errno SendQuery(int ifindex, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources)
    {
        int length = IgmpCodec.BuildQuery(query, sources, _queryBuffer);
        return SendIgmp(ifindex, destination, _queryBuffer.AsSpan(0, length));
    }

    /// <summary>
    /// Sends one IGMP message (checksummed by the caller) out of <paramref name="ifindex"/> to
    /// <paramref name="destination"/>. The kernel builds the IPv4 header: TTL 1, Router Alert,
    /// source = the interface's primary address; IP_PKTINFO's ipi_ifindex picks the interface.
    /// </summary>
    public Errno SendIgmp(int ifindex, Addr destination, ReadOnlySpan<byte> igmp)
    {
        var info = new Libc.in_pktinfo { ipi_ifindex = ifindex };
        int len = Libc.WriteCmsg(_sendControl, 0, Libc.IPPROTO_IP, Libc.IP_PKTINFO, MemoryMarshal.AsBytes(new ReadOnlySpan<Libc.in_pktinfo>(in info)));
        return Libc.SendMsg(Fd, igmp, Sockaddr.In(destination), _sendControl.AsSpan(0, len));
    }

    /// <summary>
    /// Reads one datagram. <see cref="ReceiveResult.Upcall"/> fills <paramref name="upcall"/>;
    /// <see cref="ReceiveResult.Packet"/> gives the arrival <paramref name="ifindex"/> (IP_PKTINFO)
    /// and the whole IPv4 packet (header included) in <paramref name="packet"/>, valid until the
    /// next call. Call until <see cref="ReceiveResult.WouldBlock"/>.
    /// </summary>
    public ReceiveResult Receive(out MrouteUpcall upcall, out int ifindex, out ReadOnlySpan<byte> packet, out Errno errno)
    {
        ReceiveResult r = ReceiveDatagram(out upcall, out packet, out _, out ReadOnlySpan<byte> control, out errno);
        ifindex = r == ReceiveResult.Packet ? PacketInfo.IfIndex4(control) : 0;
        return r == ReceiveResult.Packet && ifindex <= 0 ? ReceiveResult.Dropped : r;
    }

    protected override ReceiveResult DecodePacket(ref KernelEvent ev, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, ReadOnlySpan<byte> control)
    {
        ev.IfIndex = PacketInfo.IfIndex4(control);
        if (ev.IfIndex <= 0)
        {
            return ReceiveResult.Dropped;
        }

        ev.Drop = IgmpCodec.ParsePacket(data, out Ipv4HeaderInfo ip, out ev.Message);
        ev.Source = ip.Source;
        return ReceiveResult.Packet;
    }

    protected override bool IsUpcall(ReadOnlySpan<byte> datagram) => UpcallParser.IsUpcall4(datagram);

    protected override bool TryParseUpcall(ReadOnlySpan<byte> datagram, out MrouteUpcall upcall) => UpcallParser.TryParse4(datagram, out upcall);

    /// <summary>MRT_ADD_VIF by interface index (VIFF_USE_IFINDEX: no IPv4 address needed), TTL threshold 1.</summary>
    protected override Errno AddVifToKernel(int vif, int ifindex)
    {
        var ctl = new Mroute.vifctl
        {
            vifc_vifi = (ushort)vif,
            vifc_flags = Mroute.VIFF_USE_IFINDEX,
            vifc_threshold = 1,
            vifc_lcl_ifindex = ifindex,
        };
        return Mroute.AddVif(Fd, in ctl);
    }

    protected override Errno DelVifFromKernel(int vif)
    {
        var ctl = new Mroute.vifctl { vifc_vifi = (ushort)vif };
        return Mroute.DelVif(Fd, in ctl);
    }

    protected override Errno AddMfcToKernel(Addr source, Addr group, int parentVif, uint outputVifs)
    {
        Mroute.mfcctl mfc = Entry(source, group, parentVif);
        for (int i = 0; i < Mroute.MAXVIFS; i++)
        {
            if ((outputVifs & (1u << i)) != 0 && i != parentVif)
            {
                mfc.SetTtl(i, 1);
            }
        }

        return Mroute.AddMfc(Fd, in mfc);
    }

    protected override Errno DelMfcFromKernel(Addr source, Addr group, int parentVif)
    {
        Mroute.mfcctl mfc = Entry(source, group, parentVif);
        return Mroute.DelMfc(Fd, in mfc);
    }

    private static Mroute.mfcctl Entry(Addr source, Addr group, int parentVif) => new()
    {
        mfcc_origin = Sockaddr.InAddr(source),
        mfcc_mcastgrp = Sockaddr.InAddr(group),
        mfcc_parent = (ushort)parentVif,
    };
}
