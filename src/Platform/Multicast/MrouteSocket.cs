using System;
using System.Collections.Generic;
using McProxy.Interop;
using McProxy.Protocol;
using McProxy.Protocol.Wire;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Multicast;

/// <summary>
/// What the IPv4 and IPv6 routing sockets share: the bookkeeping of the vifs and forwarding
/// entries they added and the teardown that removes them, the host-side memberships (report
/// groups on downstreams, subscriptions on upstreams), and the receive loop that turns datagrams
/// into <see cref="KernelEvent"/>s. The subclasses supply the family's structs and options.
/// </summary>
internal abstract class MrouteSocket : IMrouteSocket
{
    private readonly int _level;
    private readonly int _doneOption;
    private readonly int[] _vifIfIndex;
    private readonly Dictionary<(Addr Source, Addr Group), int> _routes = new();
    private readonly HostMembership _reportGroups;
    private readonly HostMembership _upstream;
    // The largest reassembled IP packet: a huge (fragmented) IGMPv3/MLDv2 report is never cut.
    private readonly byte[] _receiveBuffer = new byte[65536];
    private readonly byte[] _receiveName = new byte[28];
    private readonly byte[] _receiveControl = new byte[512];

    protected MrouteSocket(SafeFd fd, int table, IpFamily family, int level, int doneOption, int maxVifs, int groupsPerSocket)
    {
        Fd = fd;
        Table = table;
        _level = level;
        _doneOption = doneOption;
        _vifIfIndex = new int[maxVifs];
        _reportGroups = new HostMembership(family, groupsPerSocket, 1);
        _upstream = HostMembership.ForUpstreams(family);
    }

    public abstract IpFamily Family { get; }

    public SafeFd Fd { get; }

    public int Table { get; }

    /// <summary>The groups a downstream joins so that reports and leaves reach this socket.</summary>
    protected abstract ReadOnlySpan<Addr> ReportGroups { get; }

    public Errno AddVif(int vif, int ifindex)
    {
        Errno e = AddVifToKernel(vif, ifindex);
        if (e == Errno.OK)
        {
            _vifIfIndex[vif] = ifindex;
        }

        return e;
    }

    public Errno DelVif(int vif)
    {
        _vifIfIndex[vif] = 0;
        return DelVifFromKernel(vif);
    }

    public Errno AddMfc(Addr source, Addr group, int parentVif, uint outputVifs)
    {
        Errno e = AddMfcToKernel(source, group, parentVif, outputVifs);
        if (e == Errno.OK)
        {
            _routes[(source, group)] = parentVif;
        }

        return e;
    }

    public Errno DelMfc(Addr source, Addr group, int parentVif)
    {
        _routes.Remove((source, group));
        return DelMfcFromKernel(source, group, parentVif);
    }

    public abstract Errno GetCounters(Addr source, Addr group, out RouteCounters counters);

    public Errno JoinReportGroups(int ifindex) => SetReportGroups(ifindex, FilterMode.Exclude);

    public Errno LeaveReportGroups(int ifindex) => SetReportGroups(ifindex, FilterMode.Include);

    public Errno SetMembership(int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources) =>
        _upstream.SetMembership(ifindex, group, mode, sources);

    public abstract Errno SendQuery(int ifindex, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources);

    /// <summary>
    /// Reads exactly one datagram and turns it into one event: every datagram the caller drains
    /// counts against its budget and, when it is not a membership message, in a drop counter.
    /// Even packets of an unknown type (DVMRP, PIMv1, IGMP type 0x13...) come back as
    /// <see cref="KernelEventKind.Dropped"/>: skipping them here let a flood of them keep the
    /// loop inside this call, with timers, control requests and SIGTERM starved (issue 13 item 4).
    /// </summary>
    public bool TryReceive(ref KernelEvent ev, out Errno errno)
    {
        ReceiveResult r = ReceiveDatagram(out ev.Upcall, out ReadOnlySpan<byte> data, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> control, out errno);
        if (r == ReceiveResult.Packet)
        {
            r = DecodePacket(ref ev, data, name, control);
        }

        return Classify(r, ref ev);
    }

    /// <summary>
    /// The event one receive result makes; false only when nothing was read (WouldBlock, Error).
    /// </summary>
    internal static bool Classify(ReceiveResult r, ref KernelEvent ev)
    {
        switch (r)
        {
            case ReceiveResult.Upcall:
                ev.Kind = KernelEventKind.Upcall;
                return true;
            case ReceiveResult.Packet:
                ev.Kind = ev.Drop == DropReason.None ? KernelEventKind.Message : KernelEventKind.Dropped;
                return true;
            case ReceiveResult.Dropped:
                // Cut short or without an arrival interface: counted, never silently lost.
                ev.Kind = KernelEventKind.Dropped;
                ev.Drop = DropReason.Truncated;
                ev.IfIndex = 0;
                ev.Source = Addr.None;
                return true;
            default:
                ev.Kind = KernelEventKind.None;
                return false;
        }
    }

    public void Dispose()
    {
        if (Fd.IsClosed)
        {
            return;
        }

        // Explicit clean-up (closing alone also flushes the table, but a forked child holding
        // the descriptor would keep it alive): upstream memberships (the kernel sends the
        // leaves), forwarding entries, vifs, report groups, then MRT_DONE / MRT6_DONE.
        _upstream.Dispose();
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

        _reportGroups.Dispose();
        Libc.SetSockOptInt(Fd, _level, _doneOption, 1);
        Fd.Dispose();
    }

    /// <summary>The routing socket's receive buffer (see <see cref="SizeReceiveBuffer"/>).</summary>
    public const int ReceiveBufferBytes = 512 << 10;

    /// <summary>
    /// Opens a raw socket and hands it to <paramref name="setUp"/> (which claims the table and sets
    /// the options); on any failure the socket is closed and the <see cref="ErrnoException"/> goes on.
    /// </summary>
    protected static T OpenRaw<T>(int domain, int protocol, string what, Func<SafeFd, T> setUp)
    {
        Errno e = Libc.Socket(domain, Libc.SOCK_RAW, protocol, out SafeFd fd);
        if (e != Errno.OK)
        {
            fd.Dispose();
            throw new ErrnoException($"socket({what})", e);
        }

        try
        {
            SizeReceiveBuffer(fd);
            return setUp(fd);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The routing socket's receive buffer. The socket carries the kernel's upcalls and every
    /// membership report of the LAN, and an overflow loses both. Two measurements under emulation
    /// bound the size (the kernel counts twice what is asked, per-packet overhead included; an
    /// upcall takes about 1 KiB of that, a small report 1-2 KiB):
    /// - bursts of reports (every host answering a general query at once, a set-top box joining
    ///   hundreds of groups at 40 records a report) must wait, not be dropped: with the default
    ///   net.core.rmem_default (208 KiB) a burst of 20,000 joins lost 960 groups (issue 17);
    /// - under a sustained flood of new (S,G) that the daemon cannot keep up with, everything
    ///   queued waits its turn, so a bigger buffer only delays a viewer's report and its stream's
    ///   first upcall (tests/e2e/36-route-flood.sh: 2 MiB as counted gave a 1.7 s join, 512 KiB
    ///   0.1-0.7 s), while an upcall the full buffer refuses costs nothing (the kernel drops that
    ///   unresolved entry and the next packet asks again) (issue 13 item 3).
    /// We ask <see cref="ReceiveBufferBytes"/> (1 MiB as counted: about 1,000 upcalls or 500-1,000
    /// reports). Forced past net.core.rmem_max with SO_RCVBUFFORCE (the daemon holds CAP_NET_ADMIN
    /// here); failing that, as large as rmem_max allows. Memory is taken only while packets wait.
    /// </summary>
    internal static void SizeReceiveBuffer(SafeFd fd)
    {
        if (Libc.SetSockOptInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, ReceiveBufferBytes) != Errno.OK)
        {
            Libc.SetSockOptInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, ReceiveBufferBytes);
        }
    }

    /// <summary>
    /// Takes kernel table <paramref name="table"/> on a fresh raw socket, the same way for both
    /// families: MRT(6)_TABLE first when a table number is given (it selects the table MRT(6)_INIT
    /// then takes), then MRT(6)_INIT. EADDRINUSE means another multicast router holds the table.
    /// </summary>
    protected static void ClaimTable(SafeFd fd, int level, int tableOption, int initOption, int table, string family)
    {
        if (table > 0)
        {
            Errno t = Libc.SetSockOptInt(fd, level, tableOption, table);
            if (t != Errno.OK)
            {
                throw new ErrnoException($"{family} MRT_TABLE {table}", t);
            }
        }

        Errno e = Libc.SetSockOptInt(fd, level, initOption, 1);
        if (e == Errno.EADDRINUSE)
        {
            throw new ErrnoException($"{family} multicast routing table {table} is in use by another multicast router (another mcproxy, igmpproxy, smcroute or pimd?)", e);
        }

        if (e != Errno.OK)
        {
            throw new ErrnoException($"{family} MRT_INIT", e);
        }
    }

    protected static void Check(Errno e, string what)
    {
        if (e != Errno.OK)
        {
            throw new ErrnoException(what, e);
        }
    }

    /// <summary>
    /// One recvmsg into the socket's buffers. <see cref="ReceiveResult.Upcall"/> fills
    /// <paramref name="upcall"/>; <see cref="ReceiveResult.Packet"/> leaves the datagram in
    /// <paramref name="data"/>, its sender in <paramref name="name"/> and its ancillary data in
    /// <paramref name="control"/>, valid until the next call.
    /// </summary>
    protected ReceiveResult ReceiveDatagram(out MrouteUpcall upcall, out ReadOnlySpan<byte> data, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> control, out Errno errno)
    {
        upcall = default;
        data = default;
        name = default;
        control = default;
        int n = Libc.RecvMsg(Fd, _receiveBuffer, _receiveName, _receiveControl, out int nameLength, out int controlLength, out int flags, out errno);
        if (n < 0)
        {
            return errno == Errno.EAGAIN ? ReceiveResult.WouldBlock : ReceiveResult.Error;
        }

        if ((flags & Libc.MSG_TRUNC) != 0 || n > _receiveBuffer.Length)
        {
            return ReceiveResult.Dropped;
        }

        data = _receiveBuffer.AsSpan(0, n);
        if (IsUpcall(data))
        {
            return TryParseUpcall(data, out upcall) ? ReceiveResult.Upcall : ReceiveResult.Dropped;
        }

        name = _receiveName.AsSpan(0, Math.Min(nameLength, _receiveName.Length));
        control = _receiveControl.AsSpan(0, controlLength);
        return ReceiveResult.Packet;
    }

    /// <summary>Whether a datagram read from the socket is a kernel upcall rather than a packet.</summary>
    protected abstract bool IsUpcall(ReadOnlySpan<byte> datagram);

    protected abstract bool TryParseUpcall(ReadOnlySpan<byte> datagram, out MrouteUpcall upcall);

    protected abstract Errno AddVifToKernel(int vif, int ifindex);

    protected abstract Errno DelVifFromKernel(int vif);

    protected abstract Errno AddMfcToKernel(Addr source, Addr group, int parentVif, uint outputVifs);

    protected abstract Errno DelMfcFromKernel(Addr source, Addr group, int parentVif);

    /// <summary>
    /// Decodes a membership packet read by <see cref="ReceiveDatagram"/> into
    /// <see cref="KernelEvent.IfIndex"/>, Source, Message and Drop; <see cref="ReceiveResult.Dropped"/>
    /// when the ancillary data does not say where it arrived.
    /// </summary>
    protected abstract ReceiveResult DecodePacket(ref KernelEvent ev, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, ReadOnlySpan<byte> control);

    private Errno SetReportGroups(int ifindex, FilterMode mode)
    {
        Errno first = Errno.OK;
        foreach (Addr group in ReportGroups)
        {
            Errno e = _reportGroups.SetMembership(ifindex, group, mode, default);
            if (first == Errno.OK)
            {
                first = e;
            }
        }

        return first;
    }
}
