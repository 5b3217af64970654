using System;
using System.Collections.Generic;
using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Multicast;

/// <summary>
/// <see cref="IHostMembershipSockets"/> on the kernel: one non-blocking UDP socket per number
/// (the number is an index into the open descriptors; closed numbers are reused).
/// </summary>
internal sealed class HostMembershipSockets : IHostMembershipSockets, IDisposable
{
    private readonly int _domain;
    private readonly int _level;
    private readonly List<SafeFd?> _fds = new();
    private readonly Libc.sockaddr_storage[] _sourceScratch;
    private readonly byte[] _filterScratch;

    /// <param name="maxSources">The longest source list <see cref="SetFilter"/> is given.</param>
    public HostMembershipSockets(IpFamily family, int maxSources)
    {
        _domain = family == IpFamily.V4 ? Libc.AF_INET : Libc.AF_INET6;
        _level = family == IpFamily.V4 ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6;
        _sourceScratch = new Libc.sockaddr_storage[Math.Max(1, maxSources)];
        _filterScratch = new byte[Libc.GroupFilterSize(_sourceScratch.Length)];
    }

    public Errno Open(out int socket)
    {
        Errno e = Libc.Socket(_domain, Libc.SOCK_DGRAM, Libc.IPPROTO_UDP, out SafeFd fd);
        if (e != Errno.OK)
        {
            fd.Dispose();
            socket = -1;
            return e;
        }

        socket = _fds.IndexOf(null);
        if (socket < 0)
        {
            socket = _fds.Count;
            _fds.Add(fd);
        }
        else
        {
            _fds[socket] = fd;
        }

        return Errno.OK;
    }

    public void Close(int socket)
    {
        _fds[socket]?.Dispose();
        _fds[socket] = null;
    }

    public Errno JoinGroup(int socket, int ifindex, Addr group) => GroupOp(socket, Libc.MCAST_JOIN_GROUP, ifindex, group);

    public Errno LeaveGroup(int socket, int ifindex, Addr group) => GroupOp(socket, Libc.MCAST_LEAVE_GROUP, ifindex, group);

    public Errno JoinSource(int socket, int ifindex, Addr group, Addr source) =>
        SourceOp(socket, Libc.MCAST_JOIN_SOURCE_GROUP, ifindex, group, source);

    public Errno LeaveSource(int socket, int ifindex, Addr group, Addr source) =>
        SourceOp(socket, Libc.MCAST_LEAVE_SOURCE_GROUP, ifindex, group, source);

    public Errno SetFilter(int socket, int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        int n = Math.Min(sources.Length, _sourceScratch.Length);
        for (int i = 0; i < n; i++)
        {
            _sourceScratch[i] = Sockaddr.Storage(sources[i]);
        }

        int fmode = mode == FilterMode.Include ? Libc.MCAST_INCLUDE : Libc.MCAST_EXCLUDE;
        return Libc.SetMsFilter(Fd(socket), _level, ifindex, Sockaddr.Storage(group), fmode, _sourceScratch.AsSpan(0, n), _filterScratch);
    }

    public void Dispose()
    {
        foreach (SafeFd? fd in _fds)
        {
            fd?.Dispose();
        }

        _fds.Clear();
    }

    private SafeFd Fd(int socket) => _fds[socket] ?? throw new InvalidOperationException("socket " + socket + " is closed");

    private Errno GroupOp(int socket, int op, int ifindex, Addr group)
    {
        var req = new Libc.group_req { gr_interface = (uint)ifindex, gr_group = Sockaddr.Storage(group) };
        return Libc.SetSockOpt(Fd(socket), _level, op, in req);
    }

    private Errno SourceOp(int socket, int op, int ifindex, Addr group, Addr source)
    {
        var req = new Libc.group_source_req
        {
            gsr_interface = (uint)ifindex,
            gsr_group = Sockaddr.Storage(group),
            gsr_source = Sockaddr.Storage(source),
        };
        return Libc.SetSockOpt(Fd(socket), _level, op, in req);
    }
}
