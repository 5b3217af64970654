using System;
using McProxy.Interop;
using McProxy.Protocol;
using McProxy.Protocol.Wire;

namespace McProxy.Platform.Multicast;

/// <summary>IPv4: <see cref="MrouteSocket4"/> (table, vifs, MFC, IGMP in and out) and
/// <see cref="UpstreamMembership4"/> (the kernel's IGMP host stack on upstreams).</summary>
internal sealed class Ipv4Kernel : IFamilyKernel
{
    private static readonly Addr AllSystems = Addr.FromV4(224, 0, 0, 1);
    private readonly MrouteSocket4 _socket;
    private readonly UpstreamMembership4 _upstream = new();
    private readonly byte[] _queryBuffer = new byte[1500];

    public Ipv4Kernel(int table)
    {
        _socket = MrouteSocket4.Open(table);
    }

    public IpFamily Family => IpFamily.V4;

    public SafeFd Fd => _socket.Fd;

    public Errno AddVif(int vifi, int ifindex) => _socket.AddVif(vifi, ifindex);

    public Errno DelVif(int vifi) => _socket.DelVif(vifi);

    public Errno AddMfc(Addr source, Addr group, int parentVif, uint outputVifs) =>
        _socket.AddMfc(source, group, parentVif, outputVifs);

    public Errno DelMfc(Addr source, Addr group, int parentVif) => _socket.DelMfc(source, group, parentVif);

    public Errno GetPacketCount(Addr source, Addr group, out ulong packets) =>
        _socket.GetPacketCount(source, group, out packets);

    public Errno JoinRouterGroups(int ifindex) => _socket.JoinRouterGroups(ifindex);

    public Errno LeaveRouterGroups(int ifindex) => _socket.LeaveRouterGroups(ifindex);

    public Errno SendQuery(int ifindex, Addr linkLocal, in QueryMessage query, ReadOnlySpan<Addr> sources)
    {
        int length = IgmpCodec.BuildQuery(query, sources, _queryBuffer);
        // RFC 3376 §4.1.12: general queries to 224.0.0.1, specific ones to the group.
        Addr destination = query.IsGeneral ? AllSystems : query.Group;
        return _socket.SendIgmp(ifindex, destination, _queryBuffer.AsSpan(0, length));
    }

    public bool TryReceive(ref KernelEvent ev, out Errno errno)
    {
        while (true)
        {
            ReceiveResult r = _socket.Receive(out MrouteUpcall upcall, out int ifindex, out ReadOnlySpan<byte> packet, out errno);
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
                    ev.IfIndex = ifindex;
                    ev.Drop = IgmpCodec.ParsePacket(packet, out Ipv4HeaderInfo ip, out ev.Message);
                    ev.Source = ip.Source;
                    // Not a membership message at all (e.g. DVMRP, PIM): nothing to count.
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
