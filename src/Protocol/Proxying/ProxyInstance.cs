using System;
using System.Collections.Generic;
using McProxy.Config.Model;
using McProxy.Protocol.Routing;

namespace McProxy.Protocol.Proxying;

/// <summary>
/// One RFC 4605 proxy instance: merges the downstream memberships (RFC 4605 §4.1) into one
/// subscription per upstream through the filters and the upstream rule matching, and keeps
/// the kernel forwarding entries (RFC 4605 §4.2) right as memberships, data and interfaces
/// change. Pure and single-threaded: the caller passes <c>now</c>, the ports do the I/O, and
/// every port call is a difference (an unchanged subscription or route is never re-sent).
/// </summary>
internal sealed partial class ProxyInstance : IMembershipListener
{
    private readonly InterfaceMap _map;
    private readonly InterfaceFilters _filters;
    private readonly IUpstreamPort _upstream;
    private readonly RouteTable _routes;
    private readonly ProxyOptions _options;
    private readonly bool _proxySsdp;
    private readonly RuleMatching _inMatching;
    private readonly RuleMatching _outMatching;
    private readonly IMembershipView?[] _views;
    private readonly bool[] _up;
    private readonly Dictionary<Addr, GroupEntry> _groups = new();
    private readonly Stack<GroupEntry> _pool = new();

    // Scratch state for the set work (reused, so steady state does not allocate).
    private readonly SourceSet _state = new();
    private readonly SourceSet _merged = new();
    private readonly SourceSet[] _remaining;
    private readonly SourceSet _desired = new();
    private readonly SourceSet _claimed = new();
    private readonly SourceRanges _ranges = new();
    private readonly List<int> _slotScratch = new();
    private readonly HashSet<Addr> _groupScratch = new();

    public ProxyInstance(InstanceConfig instance, bool proxySsdp, IUpstreamPort upstream, IRoutePort routes, ProxyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _options = options ?? ProxyOptions.Default;
        _map = new InterfaceMap(instance);
        _filters = new InterfaceFilters(instance, _map);
        _upstream = upstream;
        _routes = new RouteTable(routes, _options.DataCheckIntervalMs, _options.RouteLimits);
        _proxySsdp = proxySsdp;
        _inMatching = instance.UpstreamIn.Matching;
        _outMatching = instance.UpstreamOut.Matching;
        _mutexTimeoutMs = instance.UpstreamIn.MutexMs > 0 ? instance.UpstreamIn.MutexMs : _options.DataCheckIntervalMs;
        _views = new IMembershipView?[_map.Count];
        _remaining = new SourceSet[_map.Count];
        for (int i = 0; i < _remaining.Length; i++)
        {
            _remaining[i] = new SourceSet();
        }

        // Every interface starts down: nothing is subscribed or routed on an interface before
        // its owner says it exists (OnInterfaceUp), and that call then applies all it missed.
        _up = new bool[_map.Count];
        Name = instance.Name;
    }

    public string Name { get; }

    public int InterfaceCount => _map.Count;

    /// <summary>Upstream ids, most preferred first (configuration order).</summary>
    public ReadOnlySpan<int> UpstreamIds => _map.UpstreamsByPriority;

    /// <summary>Upstream "in" rule matching in effect (joins).</summary>
    public RuleMatching UpstreamInMatching => _inMatching;

    /// <summary>Upstream "out" rule matching in effect (data); mutex acts as first.</summary>
    public RuleMatching UpstreamOutMatching => _outMatching;

    /// <summary>The mutex timeout T in ms (the data-check interval when T is 0).</summary>
    public long MutexTimeoutMs => _mutexTimeoutMs;

    public string NameOf(int id) => _map.NameOf(id);

    /// <summary>The id of the interface called <paramref name="name"/>, or -1.</summary>
    public int IdOf(string name) => _map.IdOf(name);

    public bool IsUpstream(int id) => _map.IsUpstream(id);

    public bool IsDownstream(int id) => _map.IsDownstream(id);

    /// <summary>In both lists: one id, a querier runs there, its data counts as downstream data.</summary>
    public bool IsPeering(int id) => _map.IsPeering(id);

    /// <summary>0 for the most preferred upstream, -1 for a downstream-only interface.</summary>
    public int UpstreamPriority(int id) => _map.PriorityOf(id);

    public bool IsInterfaceUp(int id) => _map.IsValid(id) && _up[id];

    /// <summary>Number of routes currently installed.</summary>
    public int RouteCount => _routes.Count;

    /// <summary>Routes evicted by the route limits since the start (docs/behaviour.md §6).</summary>
    public long RoutesEvicted => _routes.Evicted;

    /// <summary>The route limits in effect.</summary>
    public RouteLimits RouteLimits => _routes.Limits;

    /// <summary>The earliest route or mutex check or subscription retry, long.MaxValue when none is pending.</summary>
    public long NextDeadline => Math.Min(Math.Min(_routes.NextDeadline, NextClaimDeadline), _retryAt);

    /// <summary>Connects a downstream's membership table (created elsewhere) and recomputes.</summary>
    public void AttachDownstream(int id, IMembershipView view)
    {
        RequireDownstream(id);
        _views[id] = view ?? throw new ArgumentNullException(nameof(view));
        RecomputeAll();
    }

    /// <summary>Disconnects a downstream's table: its members stop counting.</summary>
    public void DetachDownstream(int id)
    {
        RequireDownstream(id);
        _views[id] = null;
        RecomputeAll();
    }

    /// <summary>
    /// A downstream's state for <paramref name="group"/> changed: re-merge the group for every
    /// upstream and recompute the outputs of all of the group's routes at once, so a listener
    /// joining after the data arrived is served immediately (omcproxy #25, mcproxy #17).
    /// </summary>
    public void OnMembershipChanged(int interfaceId, Addr group)
    {
        UpdateSubscriptions(group);
        UpdateRoutes(group);
    }

    /// <summary>
    /// Kernel NOCACHE upcall: (S,G) arrived on <paramref name="inputId"/> without a forwarding
    /// entry. Computes the outputs and installs the route even with no output, and remembers it.
    /// The kernel keeps one entry per (S,G): a route we knew with another input is re-parented.
    /// Upcalls for unknown interface ids are ignored (docs/behaviour.md §6).
    /// </summary>
    public void OnDataArrived(long now, Addr source, Addr group, int inputId)
    {
        if (!_map.IsValid(inputId))
        {
            return;
        }

        bool claimChanged = _inMatching == RuleMatching.Mutex && _up[inputId] && TakeClaim(now, source, group, inputId);
        _routes.Install(now, source, group, inputId, ComputeOutputs(source, group, inputId));
        if (claimChanged)
        {
            UpdateSubscriptions(group);
            UpdateRoutes(group);
        }
    }

    /// <summary>
    /// Kernel WRONGVIF upcall: (S,G) arrived on <paramref name="inputId"/>, which is not the
    /// input of its entry. If the entry's own input saw nothing since the last look (a spoofed
    /// packet installed it on the wrong link, or the source moved), the route is removed, so
    /// the next packet raises NOCACHE on the interface it really arrives on and the rules decide
    /// there; otherwise nothing changes (RouteTable.OnWrongInterface). One exception: S arriving
    /// on an upstream while the entry takes it from a downstream (peering interfaces count as
    /// neither here) is routed from the upstream at once, as its NOCACHE would be, whether the
    /// downstream copy flows or not. A home LAN's own sources do not come back from the
    /// provider, so such a downstream copy is a LAN host forging S: left alone, one that keeps
    /// sending could hold the entry against the real stream.
    /// </summary>
    public void OnWrongInterface(long now, Addr source, Addr group, int inputId)
    {
        if (!_map.IsValid(inputId))
        {
            return;
        }

        int slot = _routes.Find(source, group);
        if (slot >= 0 && IsUpstreamOnly(inputId) && IsDownstreamOnly(_routes.InputOf(slot)))
        {
            OnDataArrived(now, source, group, inputId);
            return;
        }

        _routes.OnWrongInterface(source, group);
    }

    private bool IsUpstreamOnly(int id) => _map.IsUpstream(id) && !_map.IsDownstream(id);

    private bool IsDownstreamOnly(int id) => _map.IsDownstream(id) && !_map.IsUpstream(id);

    /// <summary>Runs due route counter checks (expiry) and mutex timeouts.</summary>
    public void OnTimer(long now)
    {
        _routes.OnTimer(now, null);
        CheckClaims(now);
        RetryFailed(now);
    }

    /// <summary>
    /// The interface went away. As a downstream its members stop counting (routes and
    /// upstream subscriptions recomputed); as an upstream its subscriptions are dropped (the
    /// port is told INCLUDE{} for each) and, with <c>first</c> matching, the next upstream by
    /// priority takes over the joins while it is down (the carry-over skips absent upstreams);
    /// with <c>mutex</c> its claims end. Routes arriving on it are removed.
    /// </summary>
    public void OnInterfaceDown(int id)
    {
        if (!_map.IsValid(id) || !_up[id])
        {
            return;
        }

        _up[id] = false;
        _routes.CopySlots(_slotScratch);
        foreach (int slot in _slotScratch)
        {
            if (_routes.InputOf(slot) == id)
            {
                _routes.Remove(slot);
            }
        }

        DropClaimsOwnedBy(id);
        RecomputeAll();
    }

    /// <summary>
    /// The interface is there (for the first time, or back): its members count, and every known
    /// group's subscriptions and routes are recomputed with it, so what was asked for while it
    /// was missing (a late upstream: PPPoE after the LAN) reaches it now.
    /// </summary>
    public void OnInterfaceUp(int id)
    {
        if (!_map.IsValid(id) || _up[id])
        {
            return;
        }

        _up[id] = true;
        RecomputeAll();
    }

    // Every group we know of (subscribed, claimed or routed): re-merge and recompute routes.
    private void RecomputeAll()
    {
        _groupScratch.Clear();
        foreach (Addr g in _groups.Keys)
        {
            _groupScratch.Add(g);
        }

        _routes.CopySlots(_slotScratch);
        foreach (int slot in _slotScratch)
        {
            _groupScratch.Add(_routes.GroupOf(slot));
        }

        foreach (Addr g in _groupScratch)
        {
            UpdateSubscriptions(g);
            UpdateRoutes(g);
        }
    }

    private void RequireDownstream(int id)
    {
        if (!_map.IsDownstream(id))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "not a downstream interface id");
        }
    }
}
