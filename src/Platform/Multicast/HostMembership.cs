using System;
using System.Collections.Generic;
using McProxy.Interop;

namespace McProxy.Platform.Multicast;

/// <summary>
/// Host-side multicast memberships delegated to the kernel's host stack (RFC 3678 API), which then
/// sends the reports and answers queries itself. Memberships are spread over as many unbound UDP
/// sockets as the per-socket limits need, opened lazily and closed when they hold nothing: at most
/// <c>groupsPerSocket</c> groups per socket (net.ipv4.igmp_max_memberships, default 20; IPv6 has
/// no count, only option memory) and at most <c>maxSources</c> sources per (socket, group)
/// (igmp_max_msf / mld_max_msf). The kernel merges the sockets' filters per interface (RFC 3376
/// §3.2), so an INCLUDE list can be split over sockets; an EXCLUDE list cannot (the merge
/// intersects EXCLUDE lists) and is cut to <c>maxSources</c>, which subscribes a superset - extra
/// traffic, never lost traffic.
/// <para>
/// A socket that refuses one more group or source (ENOBUFS; ENOMEM for an IPv6 join past
/// net.core.optmem_max) is full until it drops a group; a fresh socket's refusal says nothing
/// about counts (a lowered sysctl, short memory): it is closed and the error returned, so that
/// the caller retries later. What is recorded is what the kernel holds: a group on no socket is
/// forgotten.
/// </para>
/// </summary>
internal sealed class HostMembership : IDisposable
{
    private readonly IHostMembershipSockets _layer;
    private readonly int _maxSources;
    private readonly int _groupsPerSocket;
    private readonly List<SocketSlot> _sockets = new();
    private readonly Dictionary<(int IfIndex, Addr Group), GroupState> _groups = new();
    private readonly List<Addr> _removeScratch = new();

    // Group states of left groups, reused (no allocation when groups come and go).
    private readonly Stack<GroupState> _pool = new();

    // No socket below this index has room (a hint: joins scan from here, leaves lower it).
    private int _firstWithRoom;

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

    /// <summary>Sockets open (for tests and the status dump).</summary>
    public int SocketCount
    {
        get
        {
            int n = 0;
            foreach (SocketSlot s in _sockets)
            {
                n += s.IsOpen ? 1 : 0;
            }

            return n;
        }
    }

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

        Errno e;
        if (state == null)
        {
            state = _pool.Count > 0 ? _pool.Pop() : new GroupState();
            state.Mode = mode;
            e = mode == FilterMode.Exclude ? JoinExclude(ifindex, group, state, sources) : AddIncludeSources(ifindex, group, state, sources);
        }
        else if (mode == FilterMode.Exclude)
        {
            e = state.Mode == FilterMode.Exclude ? SetExcludeFilter(ifindex, group, state.Primary, sources) : IncludeToExclude(ifindex, group, state, sources);
        }
        else
        {
            e = state.Mode == FilterMode.Include ? UpdateInclude(ifindex, group, state, sources) : ExcludeToInclude(ifindex, group, state, sources);
        }

        // Record what the kernel holds: a group that ended on no socket is not joined.
        if (state.UseCount == 0)
        {
            _groups.Remove(key);
            Recycle(state);
        }
        else
        {
            _groups[key] = state;
        }

        return e;
    }

    /// <summary>Leaves every group (the kernel sends the leaves) and closes all sockets.</summary>
    public void Dispose()
    {
        foreach (SocketSlot s in _sockets)
        {
            if (s.IsOpen)
            {
                _layer.Close(s.Socket);
            }
        }

        _sockets.Clear();
        _groups.Clear();
        (_layer as IDisposable)?.Dispose();
    }

    /// <summary>ENOBUFS (IPv4 joins, source lists) or ENOMEM (IPv6 joins): the socket has no room left.</summary>
    private static bool IsFull(Errno e) => e is Errno.ENOBUFS or Errno.ENOMEM;

    private static bool IsSorted(ReadOnlySpan<Addr> sources)
    {
        for (int i = 1; i < sources.Length; i++)
        {
            if (sources[i - 1].CompareTo(sources[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void Keep(ref Errno first, Errno next)
    {
        if (first == Errno.OK)
        {
            first = next;
        }
    }

    private Errno JoinExclude(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        // The filter's source list is charged to the same socket's option memory as the join: a
        // socket with other groups that has no room for the list gives the group up and the next
        // socket is tried.
        while (true)
        {
            Errno e = JoinOnFreeSocket(ifindex, group, state, source: null, out int slot);
            if (e != Errno.OK || sources.IsEmpty)
            {
                return e;
            }

            e = SetExcludeFilter(ifindex, group, slot, sources);
            if (!IsFull(e) || _sockets[slot].Groups == 1)
            {
                return e;
            }

            LeaveOn(state, 0, ifindex, group);
            _sockets[slot].Full = true;
        }
    }

    private Errno SetExcludeFilter(int ifindex, Addr group, int slot, ReadOnlySpan<Addr> sources) =>
        _layer.SetFilter(_sockets[slot].Socket, ifindex, group, FilterMode.Exclude, sources[..Math.Min(sources.Length, _maxSources)]);

    private Errno IncludeToExclude(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        // Switch one socket to EXCLUDE first (the interface turns EXCLUDE at once, RFC 3376 §3.2),
        // then drop the other sockets' INCLUDE shares, so no data is interrupted. If the switch is
        // refused, the INCLUDE state stays as it is (the kernel still holds it) for the retry.
        int primary = state.Use(0).Slot;
        Errno first = SetExcludeFilter(ifindex, group, primary, sources);
        if (first != Errno.OK)
        {
            return first;
        }

        for (int i = state.UseCount - 1; i >= 1; i--)
        {
            Keep(ref first, LeaveOn(state, i, ifindex, group));
        }

        state.Mode = FilterMode.Exclude;
        state.SetUse(0, new SlotUse(primary, 0));
        state.Included?.Clear();
        return first;
    }

    private Errno ExcludeToInclude(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        // MSFILTER(INCLUDE, ...) on the EXCLUDE socket: the kernel reports TO_IN, which is the
        // record RFC 3376 §5.1 prescribes for a mode change; further sources go to other sockets.
        // If it is refused, the group stays EXCLUDE (a superset) for the retry.
        ReadOnlySpan<Addr> here = sources[..Math.Min(sources.Length, _maxSources)];
        int slot = state.Primary;
        Errno e = _layer.SetFilter(_sockets[slot].Socket, ifindex, group, FilterMode.Include, here);
        if (e != Errno.OK)
        {
            return e;
        }

        state.Mode = FilterMode.Include;
        state.SetUse(0, new SlotUse(slot, here.Length));
        Dictionary<Addr, int> included = state.Included ??= new Dictionary<Addr, int>();
        foreach (Addr s in here)
        {
            included[s] = slot;
        }

        return AddIncludeSources(ifindex, group, state, sources);
    }

    private Errno UpdateInclude(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        // Add before removing so the group never passes through INCLUDE {} (a leave).
        Errno e = AddIncludeSources(ifindex, group, state, sources);
        _removeScratch.Clear();
        bool sorted = IsSorted(sources); // the proxy's source sets are (SortedAddrs): O(log n) lookups
        if (state.Included != null)
        {
            foreach (Addr s in state.Included.Keys)
            {
                if ((sorted ? sources.BinarySearch(s) : sources.IndexOf(s)) < 0)
                {
                    _removeScratch.Add(s);
                }
            }
        }

        foreach (Addr s in _removeScratch)
        {
            Keep(ref e, RemoveIncludeSource(ifindex, group, state, s));
        }

        return e;
    }

    private Errno AddIncludeSources(int ifindex, Addr group, GroupState state, ReadOnlySpan<Addr> sources)
    {
        Errno first = Errno.OK;
        foreach (Addr s in sources)
        {
            if (state.Included == null || !state.Included.ContainsKey(s))
            {
                Keep(ref first, AddIncludeSource(ifindex, group, state, s));
            }
        }

        return first;
    }

    private Errno AddIncludeSource(int ifindex, Addr group, GroupState state, Addr source)
    {
        // Prefer a socket that already holds the group and has room for one more source.
        for (int i = 0; i < state.UseCount; i++)
        {
            SlotUse use = state.Use(i);
            if (use.Sources < _maxSources)
            {
                Errno e = _layer.JoinSource(_sockets[use.Slot].Socket, ifindex, group, source);
                if (e == Errno.OK)
                {
                    state.SetUse(i, new SlotUse(use.Slot, use.Sources + 1));
                    (state.Included ??= new Dictionary<Addr, int>())[source] = use.Slot;
                    return e;
                }

                if (!IsFull(e))
                {
                    return e;
                }
            }
        }

        Errno r = JoinOnFreeSocket(ifindex, group, state, source, out int slot);
        if (r == Errno.OK)
        {
            (state.Included ??= new Dictionary<Addr, int>())[source] = slot;
        }

        return r;
    }

    private Errno RemoveIncludeSource(int ifindex, Addr group, GroupState state, Addr source)
    {
        int slot = state.Included![source];
        state.Included.Remove(source);
        Errno e = _layer.LeaveSource(_sockets[slot].Socket, ifindex, group, source);
        int i = state.IndexOf(slot);
        SlotUse use = state.Use(i);
        if (use.Sources > 1)
        {
            state.SetUse(i, new SlotUse(slot, use.Sources - 1));
        }
        else
        {
            // The kernel left the group on that socket with its last source (INCLUDE {} = leave).
            state.RemoveUse(i);
            Released(slot);
        }

        return e;
    }

    private Errno LeaveAll((int IfIndex, Addr Group) key, GroupState state)
    {
        Errno first = Errno.OK;
        for (int i = state.UseCount - 1; i >= 0; i--)
        {
            Keep(ref first, LeaveOn(state, i, key.IfIndex, key.Group));
        }

        _groups.Remove(key);
        Recycle(state);
        return first;
    }

    private void Recycle(GroupState state)
    {
        state.Included?.Clear();
        _pool.Push(state);
    }

    /// <summary>Leaves the group on the state's <paramref name="index"/>-th socket and forgets that socket for it.</summary>
    private Errno LeaveOn(GroupState state, int index, int ifindex, Addr group)
    {
        int slot = state.Use(index).Slot;
        state.RemoveUse(index);
        Errno e = _layer.LeaveGroup(_sockets[slot].Socket, ifindex, group);
        Released(slot);
        return e;
    }

    /// <summary>A group left the socket: it has room again, and is closed when it holds nothing.</summary>
    private void Released(int slot)
    {
        SocketSlot s = _sockets[slot];
        s.Groups--;
        s.Full = false;
        if (s.Groups == 0)
        {
            _layer.Close(s.Socket);
            s.Socket = -1;
        }

        _firstWithRoom = Math.Min(_firstWithRoom, slot);
    }

    /// <summary>
    /// Joins (ASM, or source-specific when <paramref name="source"/> is given) on a socket with
    /// room for one more group that does not hold it yet, each open socket tried at most once,
    /// then on a fresh socket.
    /// </summary>
    private Errno JoinOnFreeSocket(int ifindex, Addr group, GroupState state, Addr? source, out int slot)
    {
        bool skipped = false;
        for (slot = _firstWithRoom; slot < _sockets.Count; slot++)
        {
            SocketSlot s = _sockets[slot];
            if (!s.HasRoom(_groupsPerSocket))
            {
                if (!skipped)
                {
                    _firstWithRoom = slot + 1;
                }

                continue;
            }

            if (state.IndexOf(slot) >= 0)
            {
                skipped = true;
                continue;
            }

            Errno e = JoinOn(slot, ifindex, group, source);
            if (e == Errno.OK)
            {
                Joined(state, slot, source);
                return e;
            }

            if (!IsFull(e))
            {
                return e;
            }

            // The kernel's limit for this socket is lower than counted (a lowered sysctl, option
            // memory): full until it drops a group.
            s.Full = true;
        }

        slot = OpenSlot(out Errno open);
        if (open != Errno.OK)
        {
            return open;
        }

        Errno r = JoinOn(slot, ifindex, group, source);
        if (r == Errno.OK)
        {
            Joined(state, slot, source);
            return r;
        }

        // A socket that holds nothing was refused: not a per-socket count. Close it.
        _layer.Close(_sockets[slot].Socket);
        _sockets[slot].Socket = -1;
        slot = -1;
        return r;
    }

    private Errno JoinOn(int slot, int ifindex, Addr group, Addr? source) => source is Addr s
        ? _layer.JoinSource(_sockets[slot].Socket, ifindex, group, s)
        : _layer.JoinGroup(_sockets[slot].Socket, ifindex, group);

    private void Joined(GroupState state, int slot, Addr? source)
    {
        _sockets[slot].Groups++;
        state.AddUse(new SlotUse(slot, source == null ? 0 : 1));
    }

    /// <summary>Opens a socket in the first closed slot (or a new one); its slot, or -1 with the error.</summary>
    private int OpenSlot(out Errno errno)
    {
        errno = _layer.Open(out int socket);
        if (errno != Errno.OK)
        {
            return -1;
        }

        for (int i = 0; i < _sockets.Count; i++)
        {
            if (!_sockets[i].IsOpen)
            {
                _sockets[i].Socket = socket;
                _sockets[i].Full = false;
                _firstWithRoom = Math.Min(_firstWithRoom, i);
                return i;
            }
        }

        _sockets.Add(new SocketSlot { Socket = socket });
        return _sockets.Count - 1;
    }

    private sealed class SocketSlot
    {
        /// <summary>The layer's socket number; -1 while closed.</summary>
        public int Socket { get; set; } = -1;

        public int Groups { get; set; }

        public bool Full { get; set; }

        public bool IsOpen => Socket >= 0;

        public bool HasRoom(int groupsPerSocket) => IsOpen && !Full && Groups < groupsPerSocket;
    }

    /// <summary>A socket holding the group and, in INCLUDE mode, how many of its sources.</summary>
    private readonly record struct SlotUse(int Slot, int Sources);

    private sealed class GroupState
    {
        // The sockets holding the group (EXCLUDE: exactly one, the primary): the first inline,
        // further ones (INCLUDE lists longer than max_msf) in a list made when needed - most
        // groups cost one small object here (issue 17: bytes per group).
        private SlotUse _first;
        private List<SlotUse>? _more;

        public FilterMode Mode { get; set; }

        public int UseCount { get; private set; }

        public int Primary => _first.Slot;

        /// <summary>INCLUDE mode: source -> socket slot that holds its source-specific join (made on first use).</summary>
        public Dictionary<Addr, int>? Included { get; set; }

        public SlotUse Use(int i) => i == 0 ? _first : _more![i - 1];

        public void SetUse(int i, SlotUse use)
        {
            if (i == 0)
            {
                _first = use;
            }
            else
            {
                _more![i - 1] = use;
            }
        }

        public void AddUse(SlotUse use)
        {
            if (UseCount == 0)
            {
                _first = use;
            }
            else
            {
                (_more ??= new List<SlotUse>()).Add(use);
            }

            UseCount++;
        }

        public void RemoveUse(int i)
        {
            if (i == 0 && UseCount > 1)
            {
                _first = _more![0];
                _more.RemoveAt(0);
            }
            else if (i > 0)
            {
                _more!.RemoveAt(i - 1);
            }

            UseCount--;
        }

        public int IndexOf(int slot)
        {
            for (int i = 0; i < UseCount; i++)
            {
                if (Use(i).Slot == slot)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
