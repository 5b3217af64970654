using McProxy.Config.Model;
using McProxy.Protocol.Membership;

namespace McProxy.Protocol.Downstream;

/// <summary>
/// The querier of one downstream interface and family (RFC 3376 §6.6.2 / §8, RFC 3810 §7.6.2,
/// RFC 2236 §3): startup queries, periodic general queries and election by lowest address with
/// the other-querier-present timer. Deadlines only; the owner calls <see cref="OnTimer"/>.
/// </summary>
internal sealed class QuerierState
{
    private readonly InterfaceSettings _settings;
    private readonly MembershipTimers _timers;
    private readonly IQueryPort _queries;
    private readonly MembershipCounters _counters;
    private readonly ProtocolVersion _version;
    private Subnet[] _subnets = System.Array.Empty<Subnet>();
    private bool _started;

    public QuerierState(ProtocolVersion queryVersion, InterfaceSettings settings, MembershipTimers timers, IQueryPort queries, MembershipCounters counters)
    {
        _version = queryVersion;
        _settings = settings;
        _timers = timers;
        _queries = queries;
        _counters = counters;
    }

    /// <summary>True until a query from a lower address is heard (we start as querier, RFC 3376 §6.6.2).</summary>
    public bool IsQuerier { get; private set; } = true;

    /// <summary>Our source address on the link (IPv4 interface address or MLD link-local).</summary>
    public Addr OwnAddress { get; set; }

    /// <summary>The IPv4 subnets of the link (from the interface's addresses); empty when unknown.</summary>
    public void SetSubnets(System.ReadOnlySpan<Subnet> subnets) => _subnets = subnets.ToArray();

    /// <summary>
    /// Whether <paramref name="querier"/> may take part in the election. IPv4: never from
    /// 0.0.0.0/8 ("this network", RFC 1122 §3.2.1.3; a forged 0.0.0.1 beats every router), and,
    /// when the link's subnets are known, only a host address of one of them: a router on the
    /// link has one, a query from elsewhere was forged. MLD queriers are link-local by then
    /// (the codec drops others, RFC 3810 §5.1.14).
    /// </summary>
    public bool IsEligible(Addr querier)
    {
        if (!querier.IsV4)
        {
            return true;
        }

        if ((querier.V4 >> 24) == 0)
        {
            return false;
        }

        if (_subnets.Length == 0)
        {
            return true;
        }

        foreach (Subnet s in _subnets)
        {
            if (s.HasHost(querier))
            {
                return true;
            }
        }

        return false;
    }

    public Addr OtherQuerier { get; private set; }

    public long OtherQuerierDeadline { get; private set; } = Deadline.Never;

    public long NextGeneralQuery { get; private set; } = Deadline.Never;

    public int StartupQueriesLeft { get; private set; }

    public long NextDeadline => System.Math.Min(OtherQuerierDeadline, NextGeneralQuery);

    /// <summary>Startup: a general query now, Startup Query Count in all, Startup Query Interval apart (§8.6, §8.7).</summary>
    public void Start(long now)
    {
        _started = true;
        IsQuerier = true;
        OtherQuerier = default;
        OtherQuerierDeadline = Deadline.Never;
        StartupQueriesLeft = System.Math.Max(1, _settings.StartupQueryCount);
        SendGeneral(now, now);
    }

    public void Stop()
    {
        _started = false;
        NextGeneralQuery = Deadline.Never;
        OtherQuerierDeadline = Deadline.Never;
        StartupQueriesLeft = 0;
    }

    /// <summary>Returns true when the querier role changed.</summary>
    public bool OnTimer(long now)
    {
        bool changed = false;
        if (OtherQuerierDeadline <= now)
        {
            // RFC 2236 §3 / RFC 3376 §6.6.2: the other querier went silent; we take over with a
            // general query at the moment the timer expired.
            long t = OtherQuerierDeadline;
            OtherQuerierDeadline = Deadline.Never;
            OtherQuerier = default;
            IsQuerier = true;
            changed = true;
            _timers.Restore();
            SendGeneral(t, now);
        }

        if (IsQuerier && NextGeneralQuery <= now)
        {
            SendGeneral(NextGeneralQuery, now);
        }

        return changed;
    }

    /// <summary>
    /// Election (§6.6.2): a query from an address lower than ours (or any, while ours is unknown)
    /// makes us non-querier and (re)starts the other querier present timer; any such query
    /// does, not only one from the lowest address heard so far ("when a router receives a
    /// query with a lower IP address, it sets the Other-Querier-Present timer"). Queries from
    /// the unspecified address (snooping switches) or from ourselves do not take part. Returns
    /// true when the query counts as the querier's (its contents then apply to our timers);
    /// <see cref="OtherQuerier"/> is the sender of the last such query.
    /// </summary>
    public bool OnQuery(long now, Addr querier, out bool roleChanged)
    {
        roleChanged = false;
        if (!_started || querier.IsUnspecified || querier == OwnAddress || querier.Family != _version.Family())
        {
            return false;
        }

        if (!OwnAddress.IsUnspecified && querier > OwnAddress)
        {
            return false;
        }

        roleChanged = IsQuerier;
        IsQuerier = false;
        OtherQuerier = querier;
        OtherQuerierDeadline = now + _timers.OtherQuerierPresentIntervalMs;
        NextGeneralQuery = Deadline.Never;
        StartupQueriesLeft = 0;
        return true;
    }

    /// <summary>Refreshes the other querier present timer after adopting new timer values.</summary>
    public void RefreshOtherQuerier(long now)
    {
        if (!IsQuerier)
        {
            OtherQuerierDeadline = now + _timers.OtherQuerierPresentIntervalMs;
        }
    }

    public QuerierStatus GetStatus(long now) => new(
        IsQuerier,
        OwnAddress,
        OtherQuerier,
        Deadline.Remaining(OtherQuerierDeadline, now),
        _version,
        StartupQueriesLeft,
        Deadline.Remaining(NextGeneralQuery, now),
        _timers.Robustness,
        _timers.QueryIntervalMs);

    /// <summary>Sends a general query due at <paramref name="due"/> and schedules the next one without drift.</summary>
    private void SendGeneral(long due, long now)
    {
        var q = new QueryMessage(
            _version,
            _version.Family() == IpFamily.V4 ? Addr.AnyV4 : default,
            _version == ProtocolVersion.IGMPv1 ? 0 : _settings.QueryResponseIntervalMs,
            false,
            _settings.Robustness,
            _settings.QueryIntervalMs / 1000,
            0);
        _queries.SendQuery(q, default);
        _counters.QueriesSent++;
        long interval = _settings.QueryIntervalMs;
        if (StartupQueriesLeft > 0)
        {
            StartupQueriesLeft--;
            if (StartupQueriesLeft > 0)
            {
                interval = _settings.StartupQueryIntervalMs;
            }
        }

        long next = due + System.Math.Max(1, interval);
        NextGeneralQuery = next > now ? next : now + System.Math.Max(1, interval);
    }
}
