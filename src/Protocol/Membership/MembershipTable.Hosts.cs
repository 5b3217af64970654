using McProxy.Config.Model;

namespace McProxy.Protocol.Membership;

/// <summary>
/// Explicit host tracking and safe fast leave (docs/protocol-decisions.md, "Fast leave").
/// Fast leave stops forwarding at the leave, but only when the leaver is provably the last
/// listener, and it never skips the RFC 3376 §6.6.3 last member query round: the group is
/// hidden from the proxy while the round runs, and any report of interest brings it back.
/// A leave answered by the leaver itself was forged (or the host changed its mind); fast
/// leave is then suspended on the interface for a group membership interval.
/// </summary>
internal sealed partial class MembershipTable
{
    /// <summary>Before this time hosts may not all have answered our first query: tracking is not trusted.</summary>
    private long _trackingTrustedAt;

    /// <summary>Fast leave is suspended until this time after a forged leave (0: never was).</summary>
    private long _fastLeaveSuspendedUntil;

    /// <summary>Fast leave is off until this time because a forged leave was seen (in the past when it is on).</summary>
    public long FastLeaveSuspendedUntil => _fastLeaveSuspendedUntil;

    /// <summary>
    /// The querier started: every listener answers its first general query within the query
    /// response interval, so from then on the tracked hosts of a group are all its listeners.
    /// </summary>
    public void OnStart(long now) => _trackingTrustedAt = now + _timers.QueryResponseIntervalMs;

    private void TrackHost(long now, GroupState g, Addr reporter, bool interested, bool leave)
    {
        if (_settings.MaxHostsPerGroup <= 0)
        {
            return;
        }

        if (reporter.IsUnspecified)
        {
            // A report from 0.0.0.0 names no host: we can no longer prove who is last.
            g.HostsIncomplete |= interested;
            return;
        }

        if (leave)
        {
            if (_settings.FastLeave && g.RemoveHost(reporter, now))
            {
                // Remember who left until the round ends: if that host answers, the leave was not its own.
                g.Leaver = reporter;
                g.LeaverUntil = now + _timers.LastMemberQueryTimeMs;
            }
            else
            {
                g.RemoveHost(reporter, now);
            }
        }
        else if (interested && !g.TouchHost(reporter, now + _timers.GroupMembershipIntervalMs, now, _settings.MaxHostsPerGroup))
        {
            g.HostsIncomplete = true;
            Refuse(MembershipLimit.HostsPerGroup, g.Group, reporter);
        }
    }

    /// <summary>
    /// Fast leave (InterfaceSettings.FastLeave) applies only when the hosts of the group are
    /// known completely: we are the querier and ask with IGMPv3/MLDv2 queries, the group is
    /// in IGMPv3/MLDv2 compatibility (IGMPv2/MLDv1 hosts suppress their reports when they hear
    /// another member's, RFC 2236 §3, RFC 2710 §4, so a silent second viewer is normal there),
    /// tracking never hit a limit nor met a 0.0.0.0 reporter, the first query has been answered,
    /// and no forged leave was seen lately. Then a leave from the only live tracked host hides
    /// the group at once; the caller still runs the normal leave processing (queries, LMQT).
    /// </summary>
    private bool TryFastLeave(long now, GroupState? g, Addr reporter)
    {
        if (g is null || !_settings.FastLeave || _settings.MaxHostsPerGroup <= 0 || !IsQuerier ||
            !QueryVersion.IsSourceFiltering() || EffectiveLevel(g) < 3 || g.HostsIncomplete ||
            now < _trackingTrustedAt || now < _fastLeaveSuspendedUntil)
        {
            return false;
        }

        if (!g.HasLiveHost(reporter, now) || g.PruneHosts(now) != 1)
        {
            return false;
        }

        _counters.FastLeaves++;
        g.HiddenUntil = now + _timers.LastMemberQueryTimeMs;
        return true;
    }

    /// <summary>
    /// A record or report of interest in <paramref name="g"/>: a hidden group is visible again,
    /// and a current-state answer (IS_IN / IS_EX, what hosts send in reply to a query) from the
    /// host whose leave started the round means that host never left: the leave was forged by
    /// someone else on the link (or the host rejoined at once). Fast leave is then suspended on
    /// this interface for a group membership interval, renewed by every further such answer.
    /// </summary>
    private void OnInterest(long now, GroupState g, Addr reporter, bool currentState)
    {
        g.HiddenUntil = Deadline.Never;
        if (!currentState || g.LeaverUntil == Deadline.Never || g.Leaver != reporter || now >= g.LeaverUntil)
        {
            return;
        }

        g.Leaver = default;
        g.LeaverUntil = Deadline.Never;
        _counters.ForgedLeaves++;
        _fastLeaveSuspendedUntil = now + _timers.GroupMembershipIntervalMs;
        Diagnostics?.OnForgedLeave(_interfaceId, g.Group, reporter, _timers.GroupMembershipIntervalMs);
    }
}
