using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using McProxy.Interop;
using McProxy.Protocol;
using Libc = McProxy.Interop.Interop.Libc;
using Mroute6 = McProxy.Interop.Interop.Mroute6;

namespace McProxy.Platform.Multicast;

/// <summary>
/// One proxy instance's IPv6 multicast routing table: the raw ICMPv6 socket that owns the kernel
/// table (MRT6_INIT), its MIFs and MFC entries, receives upcalls and MLD, and sends queries.
/// Upcalls (struct mrt6msg) arrive on the same socket, told apart by a zero first byte.
/// Disposing deletes the MFC entries and MIFs it added, MRT6_DONE, and closes.
/// </summary>
internal sealed class MrouteSocket6 : IRoutePort, IDisposable
{
    /// <summary>
    /// Hop-by-Hop header with a Router Alert option, value 0 = MLD (RFC 2711, RFC 3810 §5), and a
    /// PadN to 8 bytes; the kernel fills in the next-header byte.
    /// </summary>
    private static ReadOnlySpan<byte> RouterAlertHopByHop => [0x3A, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00];

    /// <summary>MLD types let through ICMP6_FILTER: query 130, v1 report 131, done 132, v2 report 143.</summary>
    private static ReadOnlySpan<byte> MldTypes => [130, 131, 132, 143];

    private readonly SafeFd _fd;
    private readonly int[] _mifIfIndex = new int[Mroute6.MAXMIFS];
    private readonly Dictionary<(Addr Source, Addr Group), int> _routes = new();
    private readonly HostMembership _routerGroups;
    // The largest reassembled IP packet: a huge (fragmented) IGMPv3/MLDv2 report is never cut.
    private readonly byte[] _receiveBuffer = new byte[65536];
    private readonly byte[] _receiveName = new byte[28];
    private readonly byte[] _receiveControl = new byte[512];
    private readonly byte[] _sendControl = new byte[Libc.CmsgSpace(20)];

    private MrouteSocket6(SafeFd fd, int table)
    {
        _fd = fd;
        Table = table;
        _routerGroups = new HostMembership(IpFamily.V6, UpstreamMembership6.MldGroupsPerSocket, 1);
    }

    /// <summary>The raw ICMPv6 socket, for the poll loop.</summary>
    public SafeFd Fd => _fd;

    public int Table { get; }

    /// <summary>Opens the socket and takes kernel table <paramref name="table"/> (0 = default); throws <see cref="ErrnoException"/>.</summary>
    public static MrouteSocket6 Open(int table)
    {
        Errno e = Libc.Socket(Libc.AF_INET6, Libc.SOCK_RAW, Libc.IPPROTO_ICMPV6, out SafeFd fd);
        if (e != Errno.OK)
        {
            fd.Dispose();
            throw new ErrnoException("socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)", e);
        }

        try
        {
            MrouteTable.Claim(fd, Libc.IPPROTO_IPV6, Mroute6.MRT6_TABLE, Mroute6.MRT6_INIT, table, "IPv6");
            var filter = Libc.icmp6_filter.PassOnly(MldTypes);
            Check(Libc.SetSockOpt(fd, Libc.IPPROTO_ICMPV6, Libc.ICMP6_FILTER, in filter), "ICMP6_FILTER");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVPKTINFO, 1), "IPV6_RECVPKTINFO");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPLIMIT, 1), "IPV6_RECVHOPLIMIT");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPOPTS, 1), "IPV6_RECVHOPOPTS");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_LOOP, 0), "IPV6_MULTICAST_LOOP");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_HOPS, 1), "IPV6_MULTICAST_HOPS");
            Check(Libc.SetSockOpt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_HOPOPTS, RouterAlertHopByHop), "IPV6_HOPOPTS router alert");
            return new MrouteSocket6(fd, table);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>MRT6_ADD_MIF for <paramref name="ifindex"/>, TTL threshold 1.</summary>
    public Errno AddMif(int mifi, int ifindex)
    {
        var mif = new Mroute6.mif6ctl { mif6c_mifi = (ushort)mifi, vifc_threshold = 1, mif6c_pifi = (ushort)ifindex };
        Errno e = Mroute6.AddMif(_fd, in mif);
        if (e == Errno.OK)
        {
            _mifIfIndex[mifi] = ifindex;
        }

        return e;
    }

    public Errno DelMif(int mifi)
    {
        _mifIfIndex[mifi] = 0;
        return Mroute6.DelMif(_fd, (ushort)mifi);
    }

    /// <summary>Installs or replaces (S,G) from <paramref name="parentMif"/> to the mifs set in <paramref name="outputMifs"/>.</summary>
    public Errno AddMfc(Addr source, Addr group, int parentMif, uint outputMifs)
    {
        var mfc = Entry(source, group, parentMif);
        for (int i = 0; i < Mroute6.MAXMIFS; i++)
        {
            if ((outputMifs & (1u << i)) != 0 && i != parentMif)
            {
                mfc.mf6cc_ifset.Set(i);
            }
        }

        Errno e = Mroute6.AddMfc(_fd, in mfc);
        if (e == Errno.OK)
        {
            _routes[(source, group)] = parentMif;
        }

        return e;
    }

    public Errno DelMfc(Addr source, Addr group, int parentMif)
    {
        _routes.Remove((source, group));
        var mfc = Entry(source, group, parentMif);
        return Mroute6.DelMfc(_fd, in mfc);
    }

    /// <summary>SIOCGETSGCNT_IN6: packets forwarded by the (S,G) entry so far.</summary>
    public Errno GetPacketCount(Addr source, Addr group, out ulong packets)
    {
        var req = new Mroute6.sioc_sg_req6 { src = Sockaddr.In6(source), grp = Sockaddr.In6(group) };
        Errno e = Mroute6.GetSgCount(_fd, ref req);
        packets = e == Errno.OK ? (ulong)req.pktcnt.Value : 0;
        return e;
    }

    /// <summary>
    /// Joins ff02::16 (MLDv2 reports, RFC 3810 §5.2.14) and ff02::2 (MLDv1 Done, RFC 2710 §3) on a
    /// downstream; reports to wider-scope groups (MLDv1) reach the socket through MRT6_INIT.
    /// </summary>
    public Errno JoinRouterGroups(int ifindex)
    {
        Errno e = _routerGroups.SetMembership(ifindex, Addr.Parse("ff02::16"), FilterMode.Exclude, default);
        Errno e2 = _routerGroups.SetMembership(ifindex, Addr.Parse("ff02::2"), FilterMode.Exclude, default);
        return e != Errno.OK ? e : e2;
    }

    public Errno LeaveRouterGroups(int ifindex)
    {
        Errno e = _routerGroups.SetMembership(ifindex, Addr.Parse("ff02::16"), FilterMode.Include, default);
        Errno e2 = _routerGroups.SetMembership(ifindex, Addr.Parse("ff02::2"), FilterMode.Include, default);
        return e != Errno.OK ? e : e2;
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
        return Libc.SendMsg(_fd, mld, dst, _sendControl.AsSpan(0, len));
    }

    /// <summary>
    /// Reads one datagram: an upcall, or an MLD message (the ICMPv6 part only) with how it
    /// arrived in <paramref name="info"/>; <paramref name="packet"/> is valid until the next call.
    /// </summary>
    public ReceiveResult Receive(out MrouteUpcall upcall, out MldPacketInfo info, out ReadOnlySpan<byte> packet, out Errno errno)
    {
        upcall = default;
        info = default;
        packet = default;
        int n = Libc.RecvMsg(_fd, _receiveBuffer, _receiveName, _receiveControl, out int nameLength, out int controlLength, out int flags, out errno);
        if (n < 0)
        {
            return errno == Errno.EAGAIN ? ReceiveResult.WouldBlock : ReceiveResult.Error;
        }

        if ((flags & Libc.MSG_TRUNC) != 0 || n > _receiveBuffer.Length)
        {
            return ReceiveResult.Dropped;
        }

        ReadOnlySpan<byte> data = _receiveBuffer.AsSpan(0, n);
        if (UpcallParser.IsUpcall6(data))
        {
            return UpcallParser.TryParse6(data, out upcall) ? ReceiveResult.Upcall : ReceiveResult.Dropped;
        }

        int ifindex = PacketInfo.Read6(_receiveControl.AsSpan(0, controlLength), out Addr destination, out int hopLimit, out bool ra);
        if (ifindex <= 0 || nameLength < 24)
        {
            return ReceiveResult.Dropped;
        }

        info = new MldPacketInfo(ifindex, Addr.FromV6Bytes(_receiveName.AsSpan(8, 16)), destination, hopLimit, ra);
        packet = data;
        return ReceiveResult.Packet;
    }

    /// <summary>The errno of the last failed <see cref="IRoutePort"/> call (OK when it succeeded), for the caller's log.</summary>
    public Errno LastRouteError { get; private set; }

    // IRoutePort: instance interface ids are mif numbers (Ports.cs: "the same order mcproxy gives vifs").
    void IRoutePort.SetRoute(Addr source, Addr group, int inputId, uint outputMask) =>
        LastRouteError = AddMfc(source, group, inputId, outputMask);

    void IRoutePort.RemoveRoute(Addr source, Addr group, int inputId) =>
        LastRouteError = DelMfc(source, group, inputId);

    bool IRoutePort.TryGetPacketCount(Addr source, Addr group, int inputId, out ulong packets)
    {
        LastRouteError = GetPacketCount(source, group, out packets);
        return LastRouteError == Errno.OK;
    }

    public void Dispose()
    {
        if (_fd.IsClosed)
        {
            return;
        }

        foreach (KeyValuePair<(Addr Source, Addr Group), int> r in new List<KeyValuePair<(Addr, Addr), int>>(_routes))
        {
            DelMfc(r.Key.Source, r.Key.Group, r.Value);
        }

        for (int i = 0; i < _mifIfIndex.Length; i++)
        {
            if (_mifIfIndex[i] != 0)
            {
                DelMif(i);
            }
        }

        _routerGroups.Dispose();
        Libc.SetSockOptInt(_fd, Libc.IPPROTO_IPV6, Mroute6.MRT6_DONE, 1);
        _fd.Dispose();
    }

    private static Mroute6.mf6cctl Entry(Addr source, Addr group, int parentMif) => new()
    {
        mf6cc_origin = Sockaddr.In6(source),
        mf6cc_mcastgrp = Sockaddr.In6(group),
        mf6cc_parent = (ushort)parentMif,
    };

    private static void Check(Errno e, string what)
    {
        if (e != Errno.OK)
        {
            throw new ErrnoException(what, e);
        }
    }
}
