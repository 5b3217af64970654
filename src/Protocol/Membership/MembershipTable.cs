using System;
using System.Collections.Generic;
using McProxy.Config.Model;

namespace McProxy.Protocol.Membership;

/// <summary>
/// Router-side membership database of one downstream interface (RFC 3376 §6, RFC 3810 §7), one
/// implementation for IGMP and MLD (addresses are 16-byte <see cref="Addr"/>). Pure: every call
/// receives <c>now</c>. Timers are deadlines; a min-heap over groups gives <see cref="NextDeadline"/>
/// in O(1) and keeps each update O(sources of the group + log groups).
/// </summary>
internal sealed partial class MembershipTable : IMembershipView
{
    /// <summary>Scratch for records that carry invalid sources (rare; grown on demand).</summary>
    private Addr[] _sourceScratch = new Addr[16];

    private readonly int _interfaceId;
    private readonly IpFamily _family;
    private readonly int _configuredLevel;
    private readonly InterfaceSettings _settings;
    private readonly MembershipTimers _timers;
    private readonly IQueryPort _queries;
    private readonly IMembershipListener _listener;
    private readonly MembershipCounters _counters;
    private readonly Dictionary<Addr, GroupState> _groups = new();
    private readonly GroupDeadlineHeap _heap = new();
    private readonly Stack<GroupState> _pool = new();

    /// <summary>Groups each host created that still exist (for the per-host share of max_groups).</summary>
    private readonly Dictionary<Addr, int> _groupsByOwner = new();

    public MembershipTable(
        int interfaceId,
        ProtocolVersion protocol,
        InterfaceSettings settings,
        MembershipTimers timers,
        IQueryPort queries,
        IMembershipListener listener,
        MembershipCounters counters)
    {
        _interfaceId = interfaceId;
        _family = protocol.Family();
        _configuredLevel = Level(protocol);
        _settings = settings;
        _timers = timers;
        _queries = queries;
        _listener = listener;
        _counters = counters;
        QueryVersion = settings.QueryVersion is { } v && v.Family() == _family ? v : protocol;
        _querySources = new Addr[MaxSourcesPerQuery];
    }

    /// <summary>Only the querier sends specific queries and lowers timers for them (RFC 3376 §6.6.3).</summary>
    public bool IsQuerier { get; set; } = true;

    /// <summary>The version of the queries we send (configured protocol, or InterfaceSettings.QueryVersion).</summary>
    public ProtocolVersion QueryVersion { get; }

    public IMembershipDiagnostics? Diagnostics { get; set; }

    public int GroupCount => _groups.Count;

    /// <summary>Earliest membership deadline, <see cref="Deadline.Never"/> when none.</summary>
    public long NextDeadline => _heap.Min;

    /// <summary>Compatibility level: 1 = IGMPv1, 2 = IGMPv2/MLDv1, 3 = IGMPv3/MLDv2.</summary>
    public static int Level(ProtocolVersion v) => v switch
    {
        ProtocolVersion.IGMPv1 => 1,
        ProtocolVersion.IGMPv2 or ProtocolVersion.MLDv1 => 2,
        _ => 3,
    };

    /// <inheritdoc/>
    public bool TryGetGroup(Addr group, out FilterMode mode, out ReadOnlySpan<Addr> sources)
    {
        if (_groups.TryGetValue(group, out GroupState? g) && g.PublishedExists)
        {
            mode = g.PublishedMode;
            sources = g.PublishedSources;
            return true;
        }

        mode = FilterMode.Include;
        sources = default;
        return false;
    }

    /// <inheritdoc/>
    public bool WantsSource(Addr group, Addr source) =>
        _groups.TryGetValue(group, out GroupState? g) && g.PublishedWants(source);

    /// <summary>
    /// Group compatibility mode (RFC 3376 §7.3.2, RFC 3810 §8.3.2): the lowest version whose
    /// host-present timer runs, never above the configured version (no drift upwards).
    /// </summary>
    private int EffectiveLevel(GroupState g)
    {
        int level = g.V1HostDeadline != Deadline.Never ? 1 : g.V2HostDeadline != Deadline.Never ? 2 : 3;
        return Math.Min(level, _configuredLevel);
    }

    /// <summary>Groups we keep state for: multicast of our family, not link-local scope (never proxied).</summary>
    private bool Acceptable(Addr group) =>
        group.Family == _family && group.IsMulticast && !group.IsLinkLocalScopeMulticast;

    private GroupState? Find(Addr group) => _groups.TryGetValue(group, out GroupState? g) ? g : null;

    /// <summary>A pooled, reset group object (not yet in the table).</summary>
    private GroupState Rent(Addr group, Addr owner)
    {
        GroupState g = _pool.Count > 0 ? _pool.Pop() : new GroupState();
        g.Reset(group, owner);
        _groupsByOwner[owner] = GroupsOwnedBy(owner) + 1;
        return g;
    }

    private int GroupsOwnedBy(Addr owner) => _groupsByOwner.TryGetValue(owner, out int n) ? n : 0;

    /// <summary>A group of <paramref name="owner"/> is gone: its share has room again (no entry kept at zero).</summary>
    private void Release(Addr owner)
    {
        int n = GroupsOwnedBy(owner) - 1;
        if (n > 0)
        {
            _groupsByOwner[owner] = n;
        }
        else
        {
            _groupsByOwner.Remove(owner);
        }
    }

    /// <summary>
    /// After any change to <paramref name="g"/>: deletes it when empty, else (re)inserts it,
    /// re-keys the heap and publishes the view; notifies the listener if the view changed.
    /// </summary>
    private void Commit(GroupState g)
    {
        if (g.IsEmpty)
        {
            Delete(g);
            return;
        }

        _groups.TryAdd(g.Group, g);
        _heap.Update(g, g.ComputeNextDeadline());
        if (g.Republish())
        {
            _listener.OnMembershipChanged(_interfaceId, g.Group);
        }
    }

    /// <summary>Removes the group; notifies when it was visible; recycles the object.</summary>
    private void Delete(GroupState g)
    {
        Release(g.Owner);
        _heap.Remove(g);
        bool removed = _groups.Remove(g.Group);
        bool wasVisible = g.Unpublish() && removed;
        _pool.Push(g);

        if (wasVisible)
        {
            _listener.OnMembershipChanged(_interfaceId, g.Group);
        }
    }

    private void Refuse(MembershipLimit limit, Addr group, Addr reporter)
    {
        switch (limit)
        {
            case MembershipLimit.Groups:
                _counters.GroupLimitRefusals++;
                break;
            case MembershipLimit.SourcesPerGroup:
                _counters.SourceLimitRefusals++;
                break;
            case MembershipLimit.GroupsPerHost or MembershipLimit.SourcesPerHost:
                _counters.HostShareRefusals++;
                break;
            default:
                _counters.HostLimitRefusals++;
                break;
        }

        Diagnostics?.OnLimitRefused(_interfaceId, limit, group, reporter);
    }

    /// <summary>Tells the listener about every visible group (something besides the membership changed, e.g. the querier role).</summary>
    public void AnnounceAll()
    {
        if (_groups.Count == 0)
        {
            return;
        }

        var all = new Addr[_groups.Count];
        _groups.Keys.CopyTo(all, 0);
        foreach (Addr group in all)
        {
            if (_groups.TryGetValue(group, out GroupState? g) && g.PublishedExists)
            {
                _listener.OnMembershipChanged(_interfaceId, group);
            }
        }
    }

    /// <summary>Forgets every group, telling the listener about each visible one; sends nothing.</summary>
    public void Clear()
    {
        if (_groups.Count == 0)
        {
            return;
        }

        var all = new GroupState[_groups.Count];
        _groups.Values.CopyTo(all, 0);
        foreach (GroupState g in all)
        {
            Delete(g);
        }
    }
}
