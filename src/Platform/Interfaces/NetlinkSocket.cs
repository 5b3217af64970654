using System;
using System.Diagnostics;
using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;
using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Platform.Interfaces;

/// <summary>A non-blocking NETLINK_ROUTE socket with a preallocated receive buffer and request/acknowledge helpers.</summary>
internal sealed class NetlinkSocket : IDisposable
{
    private readonly byte[] _buffer = new byte[65536];
    private uint _seq;

    private NetlinkSocket(SafeFd fd)
    {
        Fd = fd;
    }

    public SafeFd Fd { get; }

    /// <summary>Opens and binds to the multicast <paramref name="groups"/> (RTMGRP_*; 0 for requests only).</summary>
    public static NetlinkSocket Open(uint groups)
    {
        Errno e = Libc.Socket(Libc.AF_NETLINK, Libc.SOCK_RAW, Netlink.NETLINK_ROUTE, out SafeFd fd);
        if (e != Errno.OK)
        {
            fd.Dispose();
            throw new ErrnoException("socket(AF_NETLINK, NETLINK_ROUTE)", e);
        }

        var local = new Netlink.sockaddr_nl { nl_family = Libc.AF_NETLINK, nl_groups = groups };
        e = Libc.Bind(fd, in local);
        if (e != Errno.OK)
        {
            fd.Dispose();
            throw new ErrnoException("bind(netlink)", e);
        }

        return new NetlinkSocket(fd);
    }

    public uint NextSeq() => ++_seq;

    /// <summary>Sends a request to the kernel (nl_pid 0).</summary>
    public Errno Send(ReadOnlySpan<byte> request)
    {
        var kernel = new Netlink.sockaddr_nl { nl_family = Libc.AF_NETLINK };
        return Libc.SendTo(Fd, request, in kernel);
    }

    /// <summary>Receives one datagram (one or more messages) without blocking; -1 with errno (EAGAIN when empty, ENOBUFS on overrun).</summary>
    public int Receive(out ReadOnlySpan<byte> data, out Errno errno)
    {
        int n = Libc.RecvMsg(Fd, _buffer, default, default, out _, out _, out _, out errno);
        data = n > 0 ? _buffer.AsSpan(0, Math.Min(n, _buffer.Length)) : default;
        return n;
    }

    /// <summary>
    /// Set-up path: sends <paramref name="request"/> and waits (poll, up to <paramref name="timeoutMs"/>)
    /// until the reply with its sequence number ends (NLMSG_DONE or NLMSG_ERROR). Every message
    /// read meanwhile, including unrelated events, is passed to <paramref name="onMessage"/>.
    /// Returns the kernel's errno (OK for an ACK or a finished dump).
    /// </summary>
    public Errno Transact(ReadOnlySpan<byte> request, uint seq, MessageHandler? onMessage, int timeoutMs = 2000)
    {
        Errno e = Send(request);
        if (e != Errno.OK)
        {
            return e;
        }

        var sw = Stopwatch.StartNew();
        Span<Libc.pollfd> fds = stackalloc Libc.pollfd[1];
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            int n = Receive(out ReadOnlySpan<byte> data, out Errno re);
            if (n < 0)
            {
                if (re != Errno.EAGAIN)
                {
                    return re;
                }

                fds[0] = new Libc.pollfd { fd = Fd.Fd, events = Libc.POLLIN };
                Libc.Poll(fds, 1, (int)Math.Max(1, timeoutMs - sw.ElapsedMilliseconds), out _);
                continue;
            }

            int offset = 0;
            while (NetlinkParser.TryNext(data, ref offset, out NetlinkParser.Message m))
            {
                if (m.Seq == seq && m.Type == Netlink.NLMSG_ERROR)
                {
                    NetlinkParser.TryParseError(m.Payload, out int err);
                    return (Errno)(-err);
                }

                if (m.Seq == seq && m.Type == Netlink.NLMSG_DONE)
                {
                    return Errno.OK;
                }

                onMessage?.Invoke(m);
            }
        }

        return Errno.ETIMEDOUT;
    }

    public void Dispose() => Fd.Dispose();

    public delegate void MessageHandler(in NetlinkParser.Message message);
}
