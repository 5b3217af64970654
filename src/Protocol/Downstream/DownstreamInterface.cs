using System;
using System.Collections.Generic;
using McProxy.Config.Model;
using McProxy.Protocol.Membership;

namespace McProxy.Protocol.Downstream;

/// <summary>
/// Router side of one downstream interface and family: the membership table (RFC 3376 §6,
/// RFC 3810 §7) and the querier (§6.6.2, §8), driven by decoded messages and deadlines.
/// The owner calls <see cref="OnTimer"/> when <see cref="NextDeadline"/> is reached and runs what
/// is due before every input (Instance/InstanceCore does both), so late timer calls never reorder
/// events.
/// </summary>
internal sealed class DownstreamInterface : IMembershipView
{
    private readonly InterfaceSettings _settings;
    private readonly MembershipTimers _timers;
    private readonly MembershipTable _table;
    private readonly QuerierState _querier;
    private long _olderQuerierWarningDue;
    private long _olderQueriesSuppressed;

    public DownstreamInterface(int interfaceId, ProtocolVersion protocol, InterfaceSettings settings, IQueryPort queries, IMembershipListener listener)
    {
        InterfaceId = interfaceId;
        Protocol = protocol;
        _settings = settings;
        _timers = new MembershipTimers(settings);
        Counters = new MembershipCounters();
        _table = new MembershipTable(interfaceId, protocol, settings, _timers, queries, listener, Counters);
        _querier = new QuerierState(_table.QueryVersion, settings, _timers, queries, Counters);
    }

    /// <summary>At most one older-version querier warning per interface in this time.</summary>
    public const long OlderQuerierWarningIntervalMs = 600_000;

    public int InterfaceId { get; }

    public ProtocolVersion Protocol { get; }

    /// <summary>Version of the queries we send: the configured protocol unless InterfaceSettings.QueryVersion overrides it.</summary>
    public ProtocolVersion QueryVersion => _table.QueryVersion;

    public MembershipCounters Counters { get; }

    public InterfaceSettings Settings => _settings;

    /// <summary>Optional: told about every limit refusal (for rate-limited logging).</summary>
    public IMembershipDiagnostics? Diagnostics
    {
        get => _table.Diagnostics;
        set => _table.Diagnostics = value;
    }

    public bool IsQuerier => _querier.IsQuerier;

    public int GroupCount => _table.GroupCount;

    /// <summary>Fast leave is off until this time because a forged leave was seen (in the past when it is on).</summary>
    public long FastLeaveSuspendedUntil => _table.FastLeaveSuspendedUntil;

    public bool IsStarted { get; private set; }

    /// <summary>Earliest deadline of the table and the querier; <see cref="Deadline.Never"/> (long.MaxValue) when none.</summary>
    public long NextDeadline => Math.Min(_table.NextDeadline, _querier.NextDeadline);

    /// <summary>Our source address on the link, used for the querier election.</summary>
    public void SetOwnAddress(Addr address) => _querier.OwnAddress = address;

    /// <summary>The link's IPv4 subnets: only a host of one of them can be elected querier.</summary>
    public void SetSubnets(ReadOnlySpan<Subnet> subnets) => _querier.SetSubnets(subnets);

    /// <summary>Becomes querier and sends the first startup query now.</summary>
    public void Start(long now)
    {
        IsStarted = true;
        _timers.Restore();
        _querier.Start(now);
        _table.IsQuerier = true;
        _table.OnStart(now);
    }

    /// <summary>
    /// Our query source address arrived only now (MLD link-local, RFC 3810 §5.1.14): while we
    /// are the querier, start over with the startup queries (§7.6.2), the first one now.
    /// </summary>
    public void RestartStartupQueries(long now)
    {
        if (IsStarted && _querier.IsQuerier)
        {
            _querier.Start(now);
        }
    }

    /// <summary>
    /// Stops querying and deletes every group, calling the listener once per group that was
    /// visible (so the proxy withdraws what this interface asked for). Sends nothing.
    /// </summary>
    public void Stop()
    {
        IsStarted = false;
        _querier.Stop();
        _table.Clear();
    }

    /// <summary>Runs every querier and membership deadline due at or before <paramref name="now"/>.</summary>
    public void OnTimer(long now)
    {
        if (_querier.OnTimer(now))
        {
            OnRoleChanged();
        }

        _table.OnTimer(now);
    }

    /// <summary>
    /// The querier role changed. With ForwardOnlyAsQuerier, whether we forward here depends on
    /// it (<see cref="WantsSource"/>), so every group is announced to the proxy as changed and
    /// its routes are recomputed; the membership itself (and so the upstream joins) stays.
    /// </summary>
    private void OnRoleChanged()
    {
        _table.IsQuerier = _querier.IsQuerier;
        if (_settings.ForwardOnlyAsQuerier)
        {
            _table.AnnounceAll();
        }
    }

    public void OnRecord(long now, Addr reporter, RecordType type, Addr group, ReadOnlySpan<Addr> sources)
    {
        _table.OnRecord(now, reporter, type, group, sources);
    }

    public void OnV1Report(long now, Addr reporter, Addr group)
    {
        _table.OnV1Report(now, reporter, group);
    }

    public void OnV2Report(long now, Addr reporter, Addr group)
    {
        _table.OnV2Report(now, reporter, group);
    }

    public void OnLeave(long now, Addr reporter, Addr group)
    {
        _table.OnLeave(now, reporter, group);
    }

    /// <summary>
    /// A query heard on the link (the codec already dropped those not sent to all-systems or
    /// the group). A querier that cannot be on the link (0.0.0.0/8, outside its subnets) is
    /// counted and ignored. Then election (§6.6.2); if the query counts as the querier's, adopt
    /// its QRV/QQI (§8.1, §8.2, clamped by <see cref="MembershipTimers.Adopt"/>) and, for a
    /// specific query with S clear, lower our timers (§6.6.1) to LMQT = its Max Resp × its QRV
    /// (RFC 2236 §3: LMQC × Max Response Time), never below our configured LMQT: a 100 ms
    /// Max Resp must not expire groups before their listeners could answer.
    /// </summary>
    public void OnQuery(long now, Addr querier, in QueryMessage q, ReadOnlySpan<Addr> sources)
    {
        Counters.QueriesReceived++;
        if (!querier.IsUnspecified && !_querier.IsEligible(querier))
        {
            Counters.ForeignQueries++;
            Diagnostics?.OnForeignQuerier(InterfaceId, querier);
            return;
        }

        WarnIfOlder(now, querier, q.Version);
        if (!_querier.OnQuery(now, querier, out bool roleChanged))
        {
            return;
        }

        if (roleChanged)
        {
            OnRoleChanged();
        }

        if (q.Version.IsSourceFiltering())
        {
            _timers.Adopt(q.Robustness, q.QueryIntervalSeconds);
            _querier.RefreshOtherQuerier(now);
        }

        if (!q.IsGeneral && !q.SuppressRouterProcessing)
        {
            int count = q.Robustness > 0 ? q.Robustness : _settings.LastMemberQueryCount;
            long lmqt = Math.Max((long)q.MaxRespMs * count, _timers.LastMemberQueryTimeMs);
            _table.OnSpecificQuery(now, q.Group, sources, lmqt);
        }
    }

    /// <summary>
    /// RFC 3376 §7.3.1 / RFC 3810 §8.3.1: an older-version querier on a link configured for a
    /// newer version means the routers disagree (hosts fall back to the older version anyway);
    /// counted always, reported once per <see cref="OlderQuerierWarningIntervalMs"/>.
    /// </summary>
    private void WarnIfOlder(long now, Addr querier, ProtocolVersion heard)
    {
        if (heard.Family() != QueryVersion.Family() || heard.Number() >= QueryVersion.Number())
        {
            return;
        }

        Counters.OlderQueries++;
        if (now < _olderQuerierWarningDue)
        {
            _olderQueriesSuppressed++;
            return;
        }

        Diagnostics?.OnOlderQuerier(InterfaceId, querier, heard, QueryVersion, _olderQueriesSuppressed);
        _olderQueriesSuppressed = 0;
        _olderQuerierWarningDue = now + OlderQuerierWarningIntervalMs;
    }

    /// <inheritdoc/>
    public bool TryGetGroup(Addr group, out FilterMode mode, out ReadOnlySpan<Addr> sources) =>
        _table.TryGetGroup(group, out mode, out sources);

    /// <summary>
    /// RFC 3376 §6.3 on the membership; with ForwardOnlyAsQuerier (RFC 4605 §4.2) nothing is
    /// wanted while another router is the querier here.
    /// </summary>
    public bool WantsSource(Addr group, Addr source) =>
        (!_settings.ForwardOnlyAsQuerier || _querier.IsQuerier) && _table.WantsSource(group, source);

    /// <summary>All groups for -s output (allocates).</summary>
    public List<GroupStatus> GetGroupStatus(long now) => _table.GetStatus(now);

    public GroupStatus? GetGroupStatus(long now, Addr group) => _table.GetStatus(now, group);

    public QuerierStatus GetQuerierStatus(long now) => _querier.GetStatus(now);
}
