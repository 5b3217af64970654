using System;
using System.Collections.Generic;
using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Multicast;

/// <summary>
/// Host-side multicast memberships delegated to the kernel's host stack (RFC 3678 API), which then
/// sends the reports and answers queries itself. Memberships are spread over as many unbound UDP
/// sockets as the per-socket limits need, opened lazily: at most <c>groupsPerSocket</c> groups per
/// socket (net.ipv4.igmp_max_memberships, default 20) and at most <c>maxSources</c> sources per
/// (socket, group) (igmp_max_msf / mld_max_msf). The kernel merges the sockets' filters per
/// interface (RFC 3376 §3.2), so an INCLUDE list can be split over sockets; an EXCLUDE list cannot
/// (the merge intersects EXCLUDE lists) and is cut to <c>maxSources</c>, which subscribes a
/// superset - extra traffic, never lost traffic.
/// </summary>
internal sealed class HostMembership : IDisposable
{
    private readonly IHostMembershipSockets _layer;
    private readonly int _maxSources;
    private readonly List<SocketSlot> _sockets = new();
    private readonly Dictionary<(int IfIndex, Addr Group), GroupState> _groups = new();
    private int _groupsPerSocket;

    public HostMembership(IpFamily family, int groupsPerSocket, int maxSources, IHostMembershipSockets? sockets = null)
    {
        _groupsPerSocket = Math.Max(1, groupsPerSocket);
        _maxSources = Math.Max(1, maxSources);
        _layer = sockets ?? new HostMembershipSockets(family, _maxSources);
    }

    /// <summary>Subscriptions on upstreams, within the family's per-socket limits (read from /proc/sys).</summary>
    public static HostMembership ForUpstreams(IpFamily family) => family == IpFamily.V4
        ? new HostMembership(family, KernelLimits.IgmpMaxMemberships, KernelLimits.IgmpMaxMsf)
        : new HostMembership(family, KernelLimits.MldGroupsPerSocket, KernelLimits.MldMaxMsf);

    /// <summary>Sockets opened so far (for tests and the status dump).</summary>
    public int SocketCount => _sockets.Count;

    /// <summary>
    /// Makes the membership of <paramref name="group"/> on <paramref name="ifindex"/> equal (mode,
    /// sources); (INCLUDE, {}) leaves. INCLUDE sources are joined one by one with
    /// MCAST_JOIN_SOURCE_GROUP so the kernel reports ALLOW/BLOCK records rather than a full
    /// TO_IN (RFC 3376 §5.1). Returns the first error met; the remaining steps are still tried.
    /// </summary>
    public Errno SetMembership(int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        var key = (ifindex, group);
        _groups.TryGetValue(key, out GroupState? state);
        if (mode == FilterMode.Include && sources.IsEmpty)
        {
            return state == null ? Errno.OK : LeaveAll(key, state);
        }

        if (state == null)
        {
            state = new GroupState(mode);
            _groups[key] = state;
            Errno e = mode == FilterMode.Exclude ? JoinExclude(ifindex, group, state, sources) : AddIncludeSources(ifindex, group, state, sources);
            if (state.Sockets.Count == 0)
            {
                _groups.Remove(key);
            }

            return e;
        }

        if (mode == FilterMode.Exclude)
        {
            return state.Mode == FilterMode.Exclude ? SetExcludeFilter(ifindex, group, state.Primary, sources) : IncludeToExclude(ifindex, group, state, sources);
        }

        return state.Mode == FilterMode.Include ? UpdateInclude(ifindex, group, state, sources) : ExcludeToInclude(ifindex, group, state, sources);
    }

    /// <summary>Leaves every group (the kernel sends the leaves) and closes all sockets.</summary>
    public void Dispose()
    {
        foreach (SocketSlot s in _sockets)
        {
            _layer.Close(s.Fd);
        }

        _sockets.Clear();
        _groups.Clear();
    }

    private Errno JoinExclude(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        Errno e = JoinOnFreeSocket(ifindex, group, state, Libc.MCAST_JOIN_GROUP, default, out int slot);
        if (e != Errno.OK)
        {
            return e;
        }

        state.Primary = slot;
        return sources.IsEmpty ? Errno.OK : SetExcludeFilter(ifindex, group, slot, sources);
    }

    private Errno SetExcludeFilter(int ifindex, Addr group, int slot, ReadOnlySpan<Addr> sources)
    {
        int n = Math.Min(sources.Length, _maxSources);
        return _layer.SetFilter(_sockets[slot].Fd, ifindex, group, FilterMode.Exclude, sources[..n]);
    }

    private Errno IncludeToExclude(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        // Switch one socket to EXCLUDE first (the interface turns EXCLUDE at once, RFC 3376 §3.2),
        // then drop the other sockets' INCLUDE shares, so no data is interrupted.
        int primary = state.Sockets[0];
        Errno first = SetExcludeFilter(ifindex, group, primary, sources);
        for (int i = state.Sockets.Count - 1; i >= 1; i--)
        {
            Keep(ref first, LeaveOn(state.Sockets[i], ifindex, group));
            state.Sockets.RemoveAt(i);
        }

        state.Mode = FilterMode.Exclude;
        state.Primary = primary;
        state.Included.Clear();
        return first;
    }

    private Errno ExcludeToInclude(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        // MSFILTER(INCLUDE, ...) on the EXCLUDE socket: the kernel reports TO_IN, which is the
        // record RFC 3376 §5.1 prescribes for a mode change; further sources go to other sockets.
        int n = Math.Min(sources.Length, _maxSources);
        int slot = state.Primary;
        Errno e = _layer.SetFilter(_sockets[slot].Fd, ifindex, group, FilterMode.Include, sources[..n]);
        state.Mode = FilterMode.Include;
        state.Included.Clear();
        if (e == Errno.OK)
        {
            for (int i = 0; i < n; i++)
            {
                state.Included[sources[i]] = slot;
            }
        }

        Keep(ref e, AddIncludeSources(ifindex, group, state, sources));
        return e;
    }

    private Errno UpdateInclude(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        // Add before removing so the group never passes through INCLUDE {} (a leave).
        Errno e = AddIncludeSources(ifindex, group, state, sources);
        List<Addr>? removed = null;
        foreach (Addr s in state.Included.Keys)
        {
            if (sources.IndexOf(s) < 0)
            {
                (removed ??= new List<Addr>()).Add(s);
            }
        }

        if (removed != null)
        {
            foreach (Addr s in removed)
            {
                Keep(ref e, RemoveIncludeSource(ifindex, group, state, s));
            }
        }

        return e;
    }

    private Errno AddIncludeSources(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        Errno first = Errno.OK;
        foreach (Addr s in sources)
        {
            if (!state.Included.ContainsKey(s))
            {
                Keep(ref first, AddIncludeSource(ifindex, group, state, s));
            }
        }

        return first;
    }

    private Errno AddIncludeSource(int ifindex, Addr group, GroupState state, Addr source)
    {
        // Prefer a socket that already holds the group and has room for one more source.
        foreach (int slot in state.Sockets)
        {
            if (state.CountOn(slot) < _maxSources)
            {
                Errno e = SourceOp(slot, Libc.MCAST_JOIN_SOURCE_GROUP, ifindex, group, source);
                if (e == Errno.OK)
                {
                    state.Included[source] = slot;
                    return e;
                }

                if (e != Errno.ENOBUFS)
                {
                    return e;
                }
            }
        }

        Errno r = JoinOnFreeSocket(ifindex, group, state, Libc.MCAST_JOIN_SOURCE_GROUP, source, out int newSlot);
        if (r == Errno.OK)
        {
            state.Included[source] = newSlot;
        }

        return r;
    }

    private Errno RemoveIncludeSource(int ifindex, Addr group, GroupState state, Addr source)
    {
        int slot = state.Included[source];
        state.Included.Remove(source);
        Errno e = SourceOp(slot, Libc.MCAST_LEAVE_SOURCE_GROUP, ifindex, group, source);
        if (state.CountOn(slot) == 0)
        {
            // The kernel left the group on that socket with its last source (INCLUDE {} = leave).
            state.Sockets.Remove(slot);
            _sockets[slot].Groups--;
        }

        return e;
    }

    private Errno LeaveAll((int IfIndex, Addr Group) key, GroupState state)
    {
        Errno first = Errno.OK;
        foreach (int slot in state.Sockets)
        {
            Keep(ref first, LeaveOn(slot, key.IfIndex, key.Group));
        }

        _groups.Remove(key);
        return first;
    }

    private Errno LeaveOn(int slot, int ifindex, Addr group)
    {
        _sockets[slot].Groups--;
        return _layer.LeaveGroup(_sockets[slot].Fd, ifindex, group);
    }

    private Errno SourceOp(int slot, int op, int ifindex, Addr group, Addr source)
    {
        return op == Libc.MCAST_JOIN_SOURCE_GROUP
            ? _layer.JoinSource(_sockets[slot].Fd, ifindex, group, source)
            : _layer.LeaveSource(_sockets[slot].Fd, ifindex, group, source);
    }

    /// <summary>
    /// Joins (ASM, or source-specific when <paramref name="op"/> is MCAST_JOIN_SOURCE_GROUP) on a
    /// socket with room for one more group, opening a socket when all are full. ENOBUFS from the
    /// kernel means the socket reached its limit: the limit is lowered and the next socket tried.
    /// </summary>
    private Errno JoinOnFreeSocket(int ifindex, Addr group, GroupState state, int op, Addr source, out int slot)
    {
        for (int attempt = 0; attempt < 64; attempt++)
        {
            slot = FindOrOpenSocket(state, out Errno open);
            if (open != Errno.OK)
            {
                return open;
            }

            Errno e = op == Libc.MCAST_JOIN_GROUP ? JoinGroupOn(slot, ifindex, group) : SourceOp(slot, op, ifindex, group, source);
            if (e == Errno.OK)
            {
                _sockets[slot].Groups++;
                state.Sockets.Add(slot);
                return e;
            }

            if (e != Errno.ENOBUFS)
            {
                return e;
            }

            _groupsPerSocket = Math.Max(1, Math.Min(_groupsPerSocket, _sockets[slot].Groups));
            _sockets[slot].Full = true;
        }

        slot = -1;
        return Errno.ENOBUFS;
    }

    private Errno JoinGroupOn(int slot, int ifindex, Addr group)
    {
        return _layer.JoinGroup(_sockets[slot].Fd, ifindex, group);
    }

    private int FindOrOpenSocket(GroupState state, out Errno errno)
    {
        errno = Errno.OK;
        for (int i = 0; i < _sockets.Count; i++)
        {
            if (!_sockets[i].Full && _sockets[i].Groups < _groupsPerSocket && !state.Sockets.Contains(i))
            {
                return i;
            }
        }

        errno = _layer.Open(out int fd);
        if (errno != Errno.OK)
        {
            return -1;
        }

        _sockets.Add(new SocketSlot(fd));
        return _sockets.Count - 1;
    }

    private static void Keep(ref Errno first, Errno next)
    {
        if (first == Errno.OK)
        {
            first = next;
        }
    }

    private sealed class SocketSlot(int fd)
    {
        public int Fd { get; } = fd;

        public int Groups { get; set; }

        public bool Full { get; set; }
    }

    private sealed class GroupState(FilterMode mode)
    {
        public FilterMode Mode { get; set; } = mode;

        /// <summary>Sockets on which the group is joined (EXCLUDE: exactly one, <see cref="Primary"/>).</summary>
        public List<int> Sockets { get; } = new();

        public int Primary { get; set; }

        /// <summary>INCLUDE mode: source -> socket slot that holds its source-specific join.</summary>
        public Dictionary<Addr, int> Included { get; } = new();

        public int CountOn(int slot)
        {
            int n = 0;
            foreach (int s in Included.Values)
            {
                if (s == slot)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
