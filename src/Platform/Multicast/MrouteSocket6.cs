using System;
using System.Runtime.InteropServices;
using McProxy.Interop;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Libc = McProxy.Interop.Interop.Libc;
using Mroute6 = McProxy.Interop.Interop.Mroute6;

namespace McProxy.Platform.Multicast;

/// <summary>
/// One proxy instance's IPv6 multicast routing table: the raw ICMPv6 socket that owns the kernel
/// table (MRT6_INIT), its MIFs and MFC entries, receives upcalls and MLD, and sends queries.
/// Upcalls (struct mrt6msg) arrive on the same socket, told apart by a zero first byte.
/// </summary>
internal sealed class MrouteSocket6 : MrouteSocket
{
    /// <summary>
    /// Hop-by-Hop header with a Router Alert option, value 0 = MLD (RFC 2711, RFC 3810 §5), and a
    /// PadN to 8 bytes; the kernel fills in the next-header byte.
    /// </summary>
    private static ReadOnlySpan<byte> RouterAlertHopByHop => [0x3A, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00];

    /// <summary>MLD types let through ICMP6_FILTER: query 130, v1 report 131, done 132, v2 report 143.</summary>
    private static ReadOnlySpan<byte> MldTypes => [130, 131, 132, 143];

    /// <summary>
    /// ff02::16 (MLDv2 reports, RFC 3810 §5.2.14) and ff02::2 (MLDv1 Done, RFC 2710 §3); reports to
    /// wider-scope groups (MLDv1) reach the socket through MRT6_INIT.
    /// </summary>
    private static readonly Addr[] ReportGroupList = [Addr.Parse("ff02::16"), Addr.Parse("ff02::2")];

    private readonly byte[] _sendControl = new byte[Libc.CmsgSpace(20)];
    private readonly byte[] _queryBuffer = new byte[1500];

    private MrouteSocket6(SafeFd fd, int table)
        : base(fd, table, IpFamily.V6, Libc.IPPROTO_IPV6, Mroute6.MRT6_DONE, Mroute6.MAXMIFS, KernelLimits.MldGroupsPerSocket)
    {
    }

    public override IpFamily Family => IpFamily.V6;

    protected override ReadOnlySpan<Addr> ReportGroups => ReportGroupList;

    /// <summary>Opens the socket and takes kernel table <paramref name="table"/> (0 = default); throws <see cref="ErrnoException"/>.</summary>
    public static MrouteSocket6 Open(int table) =>
        OpenRaw(Libc.AF_INET6, Libc.IPPROTO_ICMPV6, "AF_INET6, SOCK_RAW, IPPROTO_ICMPV6", fd =>
        {
            ClaimTable(fd, Libc.IPPROTO_IPV6, Mroute6.MRT6_TABLE, Mroute6.MRT6_INIT, table, "IPv6");
            // WRONGVIF upcalls: data of an (S,G) arriving on one of its entry's outputs instead of
            // its input is reported (at most every 3 s per entry), so a route a spoofed packet put
            // on the wrong input is re-evaluated at once (docs/behaviour.md §6).
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Mroute6.MRT6_ASSERT, 1), "MRT6_ASSERT");
            var filter = Libc.icmp6_filter.PassOnly(MldTypes);
            Check(Libc.SetSockOpt(fd, Libc.IPPROTO_ICMPV6, Libc.ICMP6_FILTER, in filter), "ICMP6_FILTER");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVPKTINFO, 1), "IPV6_RECVPKTINFO");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPLIMIT, 1), "IPV6_RECVHOPLIMIT");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPOPTS, 1), "IPV6_RECVHOPOPTS");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_LOOP, 0), "IPV6_MULTICAST_LOOP");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_HOPS, 1), "IPV6_MULTICAST_HOPS");
            Check(Libc.SetSockOpt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_HOPOPTS, RouterAlertHopByHop), "IPV6_HOPOPTS router alert");
            return new MrouteSocket6(fd, table);
        });

    /// <summary>SIOCGETSGCNT_IN6 on this socket, so this instance's table is the one asked.</summary>
    public override Errno GetCounters(Addr source, Addr group, out RouteCounters counters)
    {
        var req = new Mroute6.sioc_sg_req6 { src = Sockaddr.In6(source), grp = Sockaddr.In6(group) };
        Errno e = Mroute6.GetSgCount(Fd, ref req);
        counters = e == Errno.OK ? new RouteCounters(req.pktcnt.Value, req.bytecnt.Value, req.wrong_if.Value) : default;
        return e;
    }

    public override Errno SendQuery(int ifindex, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources)
    {
        int length = MldCodec.BuildQuery(query, sources, source, destination, _queryBuffer);
        return SendMld(ifindex, source, destination, _queryBuffer.AsSpan(0, length));
    }

    /// <summary>
    /// Sends one MLD message out of <paramref name="ifindex"/> from the interface's link-local
    /// <paramref name="linkLocalSource"/> (RFC 3810 §5.1.14: queries must come from a link-local
    /// address; the kernel would pick a global one for wider-scope groups). Hop limit 1 and the
    /// Router Alert are set on the socket; the kernel computes the ICMPv6 checksum.
    /// </summary>
    public Errno SendMld(int ifindex, Addr linkLocalSource, Addr destination, ReadOnlySpan<byte> mld)
    {
        var info = new Libc.in6_pktinfo { ipi6_addr = Sockaddr.In6Addr(linkLocalSource), ipi6_ifindex = ifindex };
        int len = Libc.WriteCmsg(_sendControl, 0, Libc.IPPROTO_IPV6, Libc.IPV6_PKTINFO, MemoryMarshal.AsBytes(new ReadOnlySpan<Libc.in6_pktinfo>(in info)));
        var dst = Sockaddr.In6(destination, (uint)ifindex);
        return Libc.SendMsg(Fd, mld, dst, _sendControl.AsSpan(0, len));
    }

    /// <summary>
    /// Reads one datagram: an upcall, or an MLD message (the ICMPv6 part only) with how it
    /// arrived in <paramref name="info"/>; <paramref name="packet"/> is valid until the next call.
    /// </summary>
    public ReceiveResult Receive(out MrouteUpcall upcall, out MldPacketInfo info, out ReadOnlySpan<byte> packet, out Errno errno)
    {
        info = default;
        ReceiveResult r = ReceiveDatagram(out upcall, out packet, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> control, out errno);
        if (r != ReceiveResult.Packet)
        {
            return r;
        }

        if (!TryArrival(name, control, out info))
        {
            packet = default;
            return ReceiveResult.Dropped;
        }

        return ReceiveResult.Packet;
    }

    protected override ReceiveResult DecodePacket(ref KernelEvent ev, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, ReadOnlySpan<byte> control)
    {
        if (!TryArrival(name, control, out MldPacketInfo info))
        {
            return ReceiveResult.Dropped;
        }

        ev.IfIndex = info.IfIndex;
        ev.Source = info.Source;
        // Raw ICMPv6 sockets have the checksum verified by the kernel (RFC 3542 §3.1).
        var meta = new ReceiveMeta(info.Source, info.Destination, info.HopLimit, info.RouterAlert, ChecksumVerified: true);
        ev.Drop = MldCodec.Parse(data, meta, out ev.Message);
        return ReceiveResult.Packet;
    }

    /// <summary>How an MLD message arrived: interface, destination, hop limit, Router Alert (ancillary data) and source (sockaddr_in6).</summary>
    private static bool TryArrival(ReadOnlySpan<byte> name, ReadOnlySpan<byte> control, out MldPacketInfo info)
    {
        int ifindex = PacketInfo.Read6(control, out Addr destination, out int hopLimit, out bool ra);
        if (ifindex <= 0 || name.Length < 24)
        {
            info = default;
            return false;
        }

        info = new MldPacketInfo(ifindex, Addr.FromV6Bytes(name.Slice(8, 16)), destination, hopLimit, ra);
        return true;
    }

    protected override bool IsUpcall(ReadOnlySpan<byte> datagram) => UpcallParser.IsUpcall6(datagram);

    protected override bool TryParseUpcall(ReadOnlySpan<byte> datagram, out MrouteUpcall upcall) => UpcallParser.TryParse6(datagram, out upcall);

    /// <summary>MRT6_ADD_MIF for <paramref name="ifindex"/>, TTL threshold 1.</summary>
    protected override Errno AddVifToKernel(int vif, int ifindex)
    {
        var mif = new Mroute6.mif6ctl { mif6c_mifi = (ushort)vif, vifc_threshold = 1, mif6c_pifi = (ushort)ifindex };
        return Mroute6.AddMif(Fd, in mif);
    }

    protected override Errno DelVifFromKernel(int vif) => Mroute6.DelMif(Fd, (ushort)vif);

    protected override Errno AddMfcToKernel(Addr source, Addr group, int parentVif, uint outputVifs)
    {
        Mroute6.mf6cctl mfc = Entry(source, group, parentVif);
        for (int i = 0; i < Mroute6.MAXMIFS; i++)
        {
            if ((outputVifs & (1u << i)) != 0 && i != parentVif)
            {
                mfc.mf6cc_ifset.Set(i);
            }
        }

        return Mroute6.AddMfc(Fd, in mfc);
    }

    protected override Errno DelMfcFromKernel(Addr source, Addr group, int parentVif)
    {
        Mroute6.mf6cctl mfc = Entry(source, group, parentVif);
        return Mroute6.DelMfc(Fd, in mfc);
    }

    private static Mroute6.mf6cctl Entry(Addr source, Addr group, int parentMif) => new()
    {
        mf6cc_origin = Sockaddr.In6(source),
        mf6cc_mcastgrp = Sockaddr.In6(group),
        mf6cc_parent = (ushort)parentMif,
    };
}
