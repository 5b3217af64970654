using System;
using McProxy.Interop;
using McProxy.Protocol;
using McProxy.Protocol.Wire;

namespace McProxy.Platform.Multicast;

/// <summary>IPv6: <see cref="MrouteSocket6"/> (table, mifs, MFC, MLD in and out) and
/// <see cref="UpstreamMembership6"/> (the kernel's MLD host stack on upstreams).</summary>
internal sealed class Ipv6Kernel : IFamilyKernel
{
    private static readonly Addr AllNodes = Addr.Parse("ff02::1");
    private readonly MrouteSocket6 _socket;
    private readonly UpstreamMembership6 _upstream = new();
    private readonly byte[] _queryBuffer = new byte[1500];

    public Ipv6Kernel(int table)
    {
        _socket = MrouteSocket6.Open(table);
    }

    public IpFamily Family => IpFamily.V6;

    public SafeFd Fd => _socket.Fd;

    public Errno AddVif(int vifi, int ifindex) => _socket.AddMif(vifi, ifindex);

    public Errno DelVif(int vifi) => _socket.DelMif(vifi);

    public Errno AddMfc(Addr source, Addr group, int parentVif, uint outputVifs) =>
        _socket.AddMfc(source, group, parentVif, outputVifs);

    public Errno DelMfc(Addr source, Addr group, int parentVif) => _socket.DelMfc(source, group, parentVif);

    public Errno GetPacketCount(Addr source, Addr group, out ulong packets) =>
        _socket.GetPacketCount(source, group, out packets);

    public Errno JoinRouterGroups(int ifindex) => _socket.JoinRouterGroups(ifindex);

    public Errno LeaveRouterGroups(int ifindex) => _socket.LeaveRouterGroups(ifindex);

    public Errno SendQuery(int ifindex, Addr linkLocal, in QueryMessage query, ReadOnlySpan<Addr> sources)
    {
        if (linkLocal.IsUnspecified || linkLocal == default)
        {
            // RFC 3810 §5.1.14: without a link-local address we must not query at all.
            return Errno.EADDRNOTAVAIL;
        }

        // RFC 3810 §5.1.15: general queries to ff02::1, specific ones to the group.
        Addr destination = query.IsGeneral ? AllNodes : query.Group;
        int length = MldCodec.BuildQuery(query, sources, linkLocal, destination, _queryBuffer);
        return _socket.SendMld(ifindex, linkLocal, destination, _queryBuffer.AsSpan(0, length));
    }

    public bool TryReceive(ref KernelEvent ev, out Errno errno)
    {
        while (true)
        {
            ReceiveResult r = _socket.Receive(out MrouteUpcall upcall, out MldPacketInfo info, out ReadOnlySpan<byte> packet, out errno);
            switch (r)
            {
                case ReceiveResult.WouldBlock:
                case ReceiveResult.Error:
                    return false;
                case ReceiveResult.Upcall:
                    ev.Kind = KernelEventKind.Upcall;
                    ev.Upcall = upcall;
                    return true;
                case ReceiveResult.Packet:
                    ev.IfIndex = info.IfIndex;
                    ev.Source = info.Source;
                    // Raw ICMPv6 sockets have the checksum verified by the kernel (RFC 3542 §3.1).
                    var meta = new ReceiveMeta(info.Source, info.Destination, info.HopLimit, info.RouterAlert, ChecksumVerified: true);
                    ev.Drop = MldCodec.Parse(packet, meta, out ev.Message);
                    if (ev.Drop == DropReason.UnknownType)
                    {
                        continue;
                    }

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
                    continue;
            }
        }
    }

    public Errno SetMembership(int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources) =>
        _upstream.SetMembership(ifindex, group, mode, sources);

    public void Dispose()
    {
        _upstream.Dispose();
        _socket.Dispose();
    }
}
