using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using McProxy.Interop;
using McProxy.Protocol;
using Libc = McProxy.Interop.Interop.Libc;
using Mroute = McProxy.Interop.Interop.Mroute;

namespace McProxy.Platform.Multicast;

/// <summary>
/// One proxy instance's IPv4 multicast routing table: the raw IGMP socket that owns the kernel
/// table (MRT_INIT), its VIFs and MFC entries, receives upcalls and IGMP, and sends queries.
/// One socket does both receiving and sending: every raw IGMP socket gets a copy of every
/// IGMP packet, so a second socket would only fill a receive queue nobody reads.
/// Disposing deletes the MFC entries and VIFs it added, MRT_DONE, and closes: nothing stays.
/// </summary>
internal sealed class MrouteSocket4 : IRoutePort, IDisposable
{
    /// <summary>Router Alert IP option (RFC 2113): type 148, length 4, value 0.</summary>
    private static ReadOnlySpan<byte> RouterAlert => [0x94, 0x04, 0x00, 0x00];

    private readonly SafeFd _fd;
    private readonly int[] _vifIfIndex = new int[Mroute.MAXVIFS];
    private readonly Dictionary<(Addr Source, Addr Group), int> _routes = new();
    private readonly HostMembership _routerGroups;
    // The largest reassembled IP packet: a huge (fragmented) IGMPv3/MLDv2 report is never cut.
    private readonly byte[] _receiveBuffer = new byte[65536];
    private readonly byte[] _receiveControl = new byte[256];
    private readonly byte[] _sendControl = new byte[Libc.CmsgSpace(12)];

    private MrouteSocket4(SafeFd fd, int table)
    {
        _fd = fd;
        Table = table;
        _routerGroups = new HostMembership(IpFamily.V4, KernelLimits.IgmpMaxMemberships, 1);
    }

    /// <summary>The raw IGMP socket, for the poll loop (POLLIN: call <see cref="Receive"/> until WouldBlock).</summary>
    public SafeFd Fd => _fd;

    public int Table { get; }

    /// <summary>
    /// Opens the socket and takes kernel table <paramref name="table"/> (0 = the default table).
    /// Throws <see cref="ErrnoException"/>: EADDRINUSE when another router holds the table,
    /// EPERM without CAP_NET_ADMIN, ENOPROTOOPT without CONFIG_IP_MROUTE(_MULTIPLE_TABLES).
    /// </summary>
    public static MrouteSocket4 Open(int table)
    {
        Errno e = Libc.Socket(Libc.AF_INET, Libc.SOCK_RAW, Libc.IPPROTO_IGMP, out SafeFd fd);
        if (e != Errno.OK)
        {
            fd.Dispose();
            throw new ErrnoException("socket(AF_INET, SOCK_RAW, IPPROTO_IGMP)", e);
        }

        try
        {
            MrouteTable.Claim(fd, Libc.IPPROTO_IP, Mroute.MRT_TABLE, Mroute.MRT_INIT, table, "IPv4");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IP, Libc.IP_PKTINFO, 1), "IP_PKTINFO");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_LOOP, 0), "IP_MULTICAST_LOOP");
            Check(Libc.SetSockOptInt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_TTL, 1), "IP_MULTICAST_TTL");
            Check(Libc.SetSockOpt(fd, Libc.IPPROTO_IP, Libc.IP_OPTIONS, RouterAlert), "IP_OPTIONS router alert");
            return new MrouteSocket4(fd, table);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>MRT_ADD_VIF by interface index (VIFF_USE_IFINDEX: no IPv4 address needed), TTL threshold 1.</summary>
    public Errno AddVif(int vifi, int ifindex)
    {
        var vif = new Mroute.vifctl
        {
            vifc_vifi = (ushort)vifi,
            vifc_flags = Mroute.VIFF_USE_IFINDEX,
            vifc_threshold = 1,
            vifc_lcl_ifindex = ifindex,
        };
        Errno e = Mroute.AddVif(_fd, in vif);
        if (e == Errno.OK)
        {
            _vifIfIndex[vifi] = ifindex;
        }

        return e;
    }

    /// <summary>MRT_DEL_VIF (the kernel also drops MFC entries whose parent it was).</summary>
    public Errno DelVif(int vifi)
    {
        var vif = new Mroute.vifctl { vifc_vifi = (ushort)vifi };
        Errno e = Mroute.DelVif(_fd, in vif);
        _vifIfIndex[vifi] = 0;
        return e;
    }

    /// <summary>Installs or replaces (S,G) from <paramref name="parentVif"/> to the vifs set in <paramref name="outputVifs"/>.</summary>
    public Errno AddMfc(Addr source, Addr group, int parentVif, uint outputVifs)
    {
        var mfc = new Mroute.mfcctl
        {
            mfcc_origin = Sockaddr.InAddr(source),
            mfcc_mcastgrp = Sockaddr.InAddr(group),
            mfcc_parent = (ushort)parentVif,
        };
        for (int i = 0; i < Mroute.MAXVIFS; i++)
        {
            if ((outputVifs & (1u << i)) != 0 && i != parentVif)
            {
                mfc.SetTtl(i, 1);
            }
        }

        Errno e = Mroute.AddMfc(_fd, in mfc);
        if (e == Errno.OK)
        {
            _routes[(source, group)] = parentVif;
        }

        return e;
    }

    public Errno DelMfc(Addr source, Addr group, int parentVif)
    {
        var mfc = new Mroute.mfcctl
        {
            mfcc_origin = Sockaddr.InAddr(source),
            mfcc_mcastgrp = Sockaddr.InAddr(group),
            mfcc_parent = (ushort)parentVif,
        };
        _routes.Remove((source, group));
        return Mroute.DelMfc(_fd, in mfc);
    }

    /// <summary>SIOCGETSGCNT: packets forwarded by the (S,G) entry so far.</summary>
    public Errno GetPacketCount(Addr source, Addr group, out ulong packets)
    {
        var req = new Mroute.sioc_sg_req { src = Sockaddr.InAddr(source), grp = Sockaddr.InAddr(group) };
        Errno e = Mroute.GetSgCount(_fd, ref req);
        packets = e == Errno.OK ? (ulong)req.pktcnt.Value : 0;
        return e;
    }

    /// <summary>
    /// Joins 224.0.0.22 (IGMPv3 reports, RFC 3376 §4.2.14) and 224.0.0.2 (IGMPv2 leaves, RFC 2236 §3)
    /// on a downstream: link-local groups reach local sockets only when joined. Reports to
    /// routable groups (IGMPv1/v2) reach the socket through MRT_INIT's router-alert hook.
    /// </summary>
    public Errno JoinRouterGroups(int ifindex)
    {
        Errno e = _routerGroups.SetMembership(ifindex, Addr.FromV4(224, 0, 0, 22), FilterMode.Exclude, default);
        Errno e2 = _routerGroups.SetMembership(ifindex, Addr.FromV4(224, 0, 0, 2), FilterMode.Exclude, default);
        return e != Errno.OK ? e : e2;
    }

    public Errno LeaveRouterGroups(int ifindex)
    {
        Errno e = _routerGroups.SetMembership(ifindex, Addr.FromV4(224, 0, 0, 22), FilterMode.Include, default);
        Errno e2 = _routerGroups.SetMembership(ifindex, Addr.FromV4(224, 0, 0, 2), FilterMode.Include, default);
        return e != Errno.OK ? e : e2;
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
        return Libc.SendMsg(_fd, igmp, Sockaddr.In(destination), _sendControl.AsSpan(0, len));
    }

    /// <summary>
    /// Reads one datagram. <see cref="ReceiveResult.Upcall"/> fills <paramref name="upcall"/>;
    /// <see cref="ReceiveResult.Packet"/> gives the arrival <paramref name="ifindex"/> (IP_PKTINFO)
    /// and the whole IPv4 packet (header included) in <paramref name="packet"/>, valid until the
    /// next call. Call until <see cref="ReceiveResult.WouldBlock"/>.
    /// </summary>
    public ReceiveResult Receive(out MrouteUpcall upcall, out int ifindex, out ReadOnlySpan<byte> packet, out Errno errno)
    {
        upcall = default;
        ifindex = 0;
        packet = default;
        int n = Libc.RecvMsg(_fd, _receiveBuffer, default, _receiveControl, out _, out int controlLength, out int flags, out errno);
        if (n < 0)
        {
            return errno == Errno.EAGAIN ? ReceiveResult.WouldBlock : ReceiveResult.Error;
        }

        if ((flags & Libc.MSG_TRUNC) != 0 || n > _receiveBuffer.Length)
        {
            return ReceiveResult.Dropped;
        }

        ReadOnlySpan<byte> data = _receiveBuffer.AsSpan(0, n);
        if (UpcallParser.IsUpcall4(data))
        {
            return UpcallParser.TryParse4(data, out upcall) ? ReceiveResult.Upcall : ReceiveResult.Dropped;
        }

        ifindex = PacketInfo.IfIndex4(_receiveControl.AsSpan(0, controlLength));
        packet = data;
        return ifindex > 0 ? ReceiveResult.Packet : ReceiveResult.Dropped;
    }

    /// <summary>The errno of the last failed <see cref="IRoutePort"/> call (OK when it succeeded), for the caller's log.</summary>
    public Errno LastRouteError { get; private set; }

    // IRoutePort: instance interface ids are vif numbers (Ports.cs: "the same order mcproxy gives vifs").
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

        // Explicit clean-up (closing alone also flushes the table, but a forked child holding
        // the descriptor would keep it alive): MFC entries, then VIFs, then MRT_DONE.
        foreach (KeyValuePair<(Addr Source, Addr Group), int> r in new List<KeyValuePair<(Addr, Addr), int>>(_routes))
        {
            DelMfc(r.Key.Source, r.Key.Group, r.Value);
        }

        for (int i = 0; i < _vifIfIndex.Length; i++)
        {
            if (_vifIfIndex[i] != 0)
            {
                DelVif(i);
            }
        }

        _routerGroups.Dispose();
        Libc.SetSockOptInt(_fd, Libc.IPPROTO_IP, Mroute.MRT_DONE, 1);
        _fd.Dispose();
    }

    private static void Check(Errno e, string what)
    {
        if (e != Errno.OK)
        {
            throw new ErrnoException(what, e);
        }
    }
}
