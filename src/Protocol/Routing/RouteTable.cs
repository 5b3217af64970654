using System;
using System.Collections.Generic;

namespace McProxy.Protocol.Routing;

/// <summary>
/// The routes (S,G) → (input, output mask) this instance installed, keyed as the kernel keys its
/// forwarding entries: one per (S,G), the input a property that MRT_ADD_MFC replaces
/// (docs/architecture.md, "Kernel facts"). Every change reaches <see cref="IRoutePort"/> as a
/// diff (an unchanged mask is never re-sent) and every route of a group can be recomputed at
/// once. Lifetime (docs/behaviour.md §6): a route is checked one data-check interval after
/// installation; if its count of packets that arrived on its input (the kernel's packets minus
/// wrong_if) did not move since the last check the route is removed and forgotten, else
/// re-armed, so a route lives 1–2 intervals after its last packet on its input. Traffic that
/// arrives only on another interface thus never keeps a route alive, and a WRONGVIF upcall for
/// a route whose input saw nothing since the last look removes it at once
/// (<see cref="OnWrongInterface"/>). A route with no outputs is checked at the shorter idle
/// interval. The number of routes is bounded per instance and per input (<see cref="RouteLimits"/>,
/// RouteTable.Limits.cs): a new route beyond a bound evicts an older one, routes with no outputs
/// first. Slots are reused; no per-route objects.
/// </summary>
internal sealed partial class RouteTable
{
    private readonly IRoutePort _port;
    private readonly long _checkIntervalMs;
    private readonly Dictionary<RouteKey, int> _bySlot = new();
    private readonly Dictionary<Addr, int> _groupHead = new();
    // Two FIFO queues, each for one fixed interval (DeadlineQueue needs that): routes with
    // outputs at the data-check interval, routes without at the idle interval.
    private readonly DeadlineQueue _checks = new();
    private readonly DeadlineQueue _idleChecks = new();
    private Entry[] _entries = new Entry[16];
    private int _used;
    private int _freeHead = -1;

    public RouteTable(IRoutePort port, long checkIntervalMs)
        : this(port, checkIntervalMs, RouteLimits.None(checkIntervalMs))
    {
    }

    public RouteTable(IRoutePort port, long checkIntervalMs, RouteLimits limits)
    {
        if (checkIntervalMs <= 0 || limits.IdleCheckIntervalMs <= 0 || limits.IdleCheckIntervalMs > checkIntervalMs)
        {
            throw new ArgumentOutOfRangeException(nameof(checkIntervalMs));
        }

        if (limits.MaxRoutes < 1 || limits.MaxPerInput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limits));
        }

        _port = port;
        _checkIntervalMs = checkIntervalMs;
        _limits = limits;
    }

    public int Count => _bySlot.Count;

    /// <summary>The earliest counter check, long.MaxValue when there is no route.</summary>
    public long NextDeadline
    {
        get
        {
            DropStaleChecks(_checks);
            DropStaleChecks(_idleChecks);
            return Math.Min(_checks.FrontDeadline, _idleChecks.FrontDeadline);
        }
    }

    public Addr SourceOf(int slot) => _entries[slot].Source;

    public Addr GroupOf(int slot) => _entries[slot].Group;

    public int InputOf(int slot) => _entries[slot].Input;

    public uint MaskOf(int slot) => _entries[slot].Mask;

    /// <summary>The slot of (S,G), or -1.</summary>
    public int Find(Addr source, Addr group) =>
        _bySlot.TryGetValue(new RouteKey(source, group), out int slot) ? slot : -1;

    /// <summary>
    /// Installs (S,G) arriving on <paramref name="inputId"/> after a kernel NOCACHE upcall. The
    /// upcall means the kernel holds no entry, so the route is sent even if we already knew it
    /// (its check deadline is kept; a known route with another input takes the new one, as the
    /// kernel's entry would); a new route is checked one interval from <paramref name="now"/>.
    /// A mask of 0 is installed too: an entry without outputs stops the kernel from raising the
    /// upcall again and again (docs/behaviour.md §6 [Fix]). The entry's count of packets on its
    /// input right after the install (the kernel forwards the queued packets then) is the
    /// baseline both liveness checks compare with. Returns the slot.
    /// </summary>
    public int Install(long now, Addr source, Addr group, int inputId, uint mask)
    {
        int slot = Find(source, group);
        if (slot < 0)
        {
            MakeRoom(inputId);
            slot = Allocate(source, group, inputId, mask);
            PushCheck(now, slot);
        }
        else
        {
            Reclass(slot, inputId, mask);
        }

        ref Entry e = ref _entries[slot];
        _port.SetRoute(source, group, inputId, mask);
        e.LastCount = CountOnInput(slot, out ulong count) ? count : 0;
        e.SeenCount = e.LastCount;
        return slot;
    }

    /// <summary>
    /// The kernel saw (S,G) arrive on an interface other than the route's input (WRONGVIF,
    /// raised with MRT_ASSERT when that interface is one of the outputs, at most every 3 s per
    /// entry). If no packet arrived on the input since the install, the last check or the last
    /// such report, the traffic comes only on the wrong interface (the entry was made by a
    /// spoofed or stray packet, or the source moved to another link): the route is removed so
    /// that the next packet raises NOCACHE on its real input, where the rules decide. Otherwise
    /// the input is alive and the report only advances the baseline. True if removed.
    /// </summary>
    public bool OnWrongInterface(Addr source, Addr group)
    {
        int slot = Find(source, group);
        if (slot < 0)
        {
            return false;
        }

        ref Entry e = ref _entries[slot];
        if (CountOnInput(slot, out ulong count) && count != e.SeenCount)
        {
            e.SeenCount = count;
            return false;
        }

        Remove(slot);
        return true;
    }

    /// <summary>
    /// The kernel's count of packets of (S,G) that arrived on <paramref name="inputId"/>; false
    /// when there is no route or its input is another interface.
    /// </summary>
    public bool TryGetCountOnInput(Addr source, Addr group, int inputId, out ulong count)
    {
        int slot = Find(source, group);
        if (slot < 0 || _entries[slot].Input != inputId)
        {
            count = 0;
            return false;
        }

        return CountOnInput(slot, out count);
    }

    /// <summary>Changes a known route's outputs; the port hears of it only if the mask differs.</summary>
    public void Update(int slot, uint mask)
    {
        ref Entry e = ref _entries[slot];
        if (e.Mask == mask)
        {
            return;
        }

        Reclass(slot, e.Input, mask);
        _port.SetRoute(e.Source, e.Group, e.Input, mask);
    }

    /// <summary>Removes the route from the kernel and forgets it.</summary>
    public void Remove(int slot)
    {
        ref Entry e = ref _entries[slot];
        _port.RemoveRoute(e.Source, e.Group, e.Input);
        Free(slot);
    }

    /// <summary>
    /// Runs the due counter checks: no packet on the input since the last check (or unknown to
    /// the kernel; packets on other interfaces do not count) → removed and reported
    /// through <paramref name="removed"/> (may be null); moving → re-armed.
    /// </summary>
    public void OnTimer(long now, IRouteRemovedListener? removed)
    {
        RunChecks(_checks, now, removed);
        RunChecks(_idleChecks, now, removed);
    }

    // A route whose outputs changed while its check was pending is judged at that check and
    // then re-armed at the interval of what it is now.
    private void RunChecks(DeadlineQueue queue, long now, IRouteRemovedListener? removed)
    {
        while (queue.TryPopDue(now, out int slot, out int generation))
        {
            if (!IsLive(slot, generation))
            {
                continue;
            }

            ref Entry e = ref _entries[slot];
            if (CountOnInput(slot, out ulong packets) && packets != e.LastCount)
            {
                e.LastCount = packets;
                e.SeenCount = packets;
                PushCheck(now, slot);
                continue;
            }

            Addr source = e.Source;
            Addr group = e.Group;
            int input = e.Input;
            Remove(slot);
            removed?.OnRouteRemoved(source, group, input);
        }
    }

    private void PushCheck(long now, int slot)
    {
        ref Entry e = ref _entries[slot];
        if (e.Mask == 0)
        {
            e.NextCheck = now + _limits.IdleCheckIntervalMs;
            _idleChecks.Push(e.NextCheck, slot, e.Generation);
        }
        else
        {
            e.NextCheck = now + _checkIntervalMs;
            _checks.Push(e.NextCheck, slot, e.Generation);
        }
    }

    /// <summary>Iterates the slots of the routes of <paramref name="group"/> (do not remove while iterating).</summary>
    public GroupEnumerable OfGroup(Addr group) =>
        new(this, _groupHead.TryGetValue(group, out int head) ? head : -1);

    /// <summary>Copies the slots of every route (for walks that remove).</summary>
    public void CopySlots(List<int> into)
    {
        into.Clear();
        foreach (int slot in _bySlot.Values)
        {
            into.Add(slot);
        }
    }

    /// <summary>Copies the slots of the routes of one group (for walks that remove).</summary>
    public void CopySlots(Addr group, List<int> into)
    {
        into.Clear();
        foreach (int slot in OfGroup(group))
        {
            into.Add(slot);
        }
    }

    public RouteStatus StatusOf(int slot)
    {
        ref Entry e = ref _entries[slot];
        return new RouteStatus(e.Source, e.Group, e.Input, e.Mask, e.LastCount, e.NextCheck);
    }

    /// <summary>Snapshot of all routes (allocates; status output only).</summary>
    public List<RouteStatus> Snapshot()
    {
        var list = new List<RouteStatus>(_bySlot.Count);
        foreach (int slot in _bySlot.Values)
        {
            list.Add(StatusOf(slot));
        }

        return list;
    }

    // Packets that arrived on the entry's input: the kernel counts every packet that matched
    // (S,G) in pktcnt, and those that came on another interface also in wrong_if (ip_mr_forward).
    private bool CountOnInput(int slot, out ulong count)
    {
        ref Entry e = ref _entries[slot];
        if (!_port.TryGetCounters(e.Source, e.Group, out ulong packets, out ulong wrongInterface))
        {
            count = 0;
            return false;
        }

        count = packets >= wrongInterface ? packets - wrongInterface : 0;
        return true;
    }

    private bool IsLive(int slot, int generation) => _entries[slot].InUse && _entries[slot].Generation == generation;

    private void DropStaleChecks(DeadlineQueue queue)
    {
        while (queue.Count > 0)
        {
            queue.PeekFront(out int slot, out int generation);
            if (IsLive(slot, generation))
            {
                return;
            }

            queue.DropFront();
        }
    }
}
