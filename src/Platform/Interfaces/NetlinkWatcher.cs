using System;
using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;
using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Platform.Interfaces;

/// <summary>
/// Watches links and addresses over rtnetlink (RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR):
/// an initial RTM_GETLINK + RTM_GETADDR dump fills <see cref="Inventory"/>, then
/// <see cref="OnReadable"/> (called by the poll loop) applies events and tells the listener.
/// A receive-queue overrun (ENOBUFS) loses events, so the inventory is then dumped afresh.
/// </summary>
internal sealed class NetlinkWatcher : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly byte[] _request = new byte[64];
    private INetlinkListener? _listener;

    private NetlinkWatcher(NetlinkSocket socket)
    {
        _socket = socket;
    }

    public SafeFd Fd => _socket.Fd;

    public InterfaceInventory Inventory { get; } = new();

    /// <summary>Opens, subscribes and dumps (set-up path; throws <see cref="ErrnoException"/>). The listener sees events after the dump.</summary>
    public static NetlinkWatcher Open(INetlinkListener? listener)
    {
        var socket = NetlinkSocket.Open(Netlink.RTMGRP_LINK | Netlink.RTMGRP_IPV4_IFADDR | Netlink.RTMGRP_IPV6_IFADDR);
        var w = new NetlinkWatcher(socket);
        try
        {
            Errno e = w.Dump();
            if (e != Errno.OK)
            {
                throw new ErrnoException("rtnetlink dump", e);
            }
        }
        catch
        {
            w.Dispose();
            throw;
        }

        w._listener = listener;
        return w;
    }

    /// <summary>Drains the socket; returns OK, or the errno of a failed resynchronisation.</summary>
    public Errno OnReadable()
    {
        while (true)
        {
            int n = _socket.Receive(out ReadOnlySpan<byte> data, out Errno e);
            if (n < 0)
            {
                if (e == Errno.EAGAIN)
                {
                    return Errno.OK;
                }

                if (e == Errno.ENOBUFS)
                {
                    return Resync();
                }

                return e;
            }

            int offset = 0;
            while (NetlinkParser.TryNext(data, ref offset, out NetlinkParser.Message m))
            {
                Inventory.Apply(m, _listener);
            }
        }
    }

    /// <summary>The last re-dump failed: the inventory may be stale until <see cref="Resync"/> succeeds.</summary>
    public bool ResyncFailed { get; private set; }

    /// <summary>
    /// Dumps links and addresses afresh after lost events. A dump that fails part-way changes
    /// nothing it did not see (no live interface detached, no address cleared); the caller
    /// retries later.
    /// </summary>
    public Errno Resync()
    {
        Inventory.BeginResync(_listener);
        Errno r = Dump();
        ResyncFailed = r != Errno.OK;
        if (r == Errno.OK)
        {
            Inventory.EndResync();
        }
        else
        {
            Inventory.AbortResync();
        }

        return r;
    }

    public void Dispose() => _socket.Dispose();

    private Errno Dump()
    {
        uint seq = _socket.NextSeq();
        int len = NetlinkRequest.Dump(_request, Netlink.RTM_GETLINK, seq, Libc.AF_UNSPEC, 16);
        Errno e = _socket.Transact(_request.AsSpan(0, len), seq, Apply);
        if (e != Errno.OK)
        {
            return e;
        }

        seq = _socket.NextSeq();
        len = NetlinkRequest.Dump(_request, Netlink.RTM_GETADDR, seq, Libc.AF_UNSPEC, 8);
        return _socket.Transact(_request.AsSpan(0, len), seq, Apply);
    }

    private void Apply(in NetlinkParser.Message m) => Inventory.Apply(m, _listener);
}
