using System;
using McProxy.Config.Model;

namespace McProxy.Protocol.Membership;

/// <summary>
/// Group-specific and group-and-source-specific queries (RFC 3376 §6.6.3, RFC 3810 §7.6.3) and
/// the timer lowering of §6.6.1. Max Resp of specific queries is LMQI (mcproxy sent LMQT).
/// </summary>
internal sealed partial class MembershipTable
{
    /// <summary>Sources per query so that one query fits a 1500-byte link (IPv4: 24+12+4n, IPv6: 40+8+28+16n).</summary>
    private const int MaxSourcesPerQueryV4 = 366;

    private const int MaxSourcesPerQueryV6 = 89;

    private const int MaxSourcesPerQuery = MaxSourcesPerQueryV4;

    private readonly Addr[] _querySources;

    private int SourcesPerQuery => _family == IpFamily.V4 ? MaxSourcesPerQueryV4 : MaxSourcesPerQueryV6;

    /// <summary>IGMPv1 has no group-specific queries.</summary>
    private bool SendsGroupQueries => IsQuerier && QueryVersion != ProtocolVersion.IGMPv1;

    /// <summary>Only IGMPv3/MLDv2 queries carry sources; otherwise Q(G,A) is skipped entirely (no lowering without asking).</summary>
    private bool SendsSourceQueries => IsQuerier && QueryVersion.IsSourceFiltering();

    /// <summary>
    /// RFC 3376 §6.6.3.2: for the sources flagged "Send Q(G,...)" whose timer is above LMQT, set
    /// the retransmission count to LMQC and lower the timer to LMQT.
    /// </summary>
    private bool LowerQueriedSources(long now, GroupState g)
    {
        if (!SendsSourceQueries)
        {
            return false;
        }

        bool any = false;
        long lmqt = _timers.LastMemberQueryTimeMs;
        foreach (ref SourceEntry e in g.Sources)
        {
            if ((e.Flags & SourceFlags.Query) != 0 && e.IsRunning && e.Deadline - now > lmqt)
            {
                e.Deadline = now + lmqt;
                e.Retransmissions = _timers.LastMemberQueryCount;
                any = true;
            }
        }

        return any;
    }

    private static bool HasSourceRetransmissions(GroupState g)
    {
        foreach (ref SourceEntry e in g.Sources)
        {
            if (e.Retransmissions > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One round of Q(G,A) (§6.6.3.2): a query with S set for retransmitting sources whose timer
    /// is above LMQT, one with S clear for the others; empty ones are not sent. Each listed source
    /// uses up one retransmission; the next round follows after LMQI while any remain.
    /// </summary>
    private void SendSourceRound(long now, GroupState g)
    {
        g.SourceQueryDeadline = Deadline.Never;
        if (!SendsSourceQueries)
        {
            foreach (ref SourceEntry e in g.Sources)
            {
                e.Retransmissions = 0;
            }

            return;
        }

        SendSourceQueries(now, g, suppress: true);
        SendSourceQueries(now, g, suppress: false);
        if (HasSourceRetransmissions(g))
        {
            g.SourceQueryDeadline = now + _timers.LastMemberQueryIntervalMs;
        }
    }

    private void SendSourceQueries(long now, GroupState g, bool suppress)
    {
        long lmqt = _timers.LastMemberQueryTimeMs;
        int n = 0;
        foreach (ref SourceEntry e in g.Sources)
        {
            if (e.Retransmissions <= 0)
            {
                continue;
            }

            if (!e.IsRunning)
            {
                e.Retransmissions = 0; // excluded now: nothing to ask about
                continue;
            }

            if (e.Deadline - now > lmqt != suppress)
            {
                continue;
            }

            e.Retransmissions--;
            _querySources[n++] = e.Address;
            if (n == SourcesPerQuery)
            {
                SendSpecific(g.Group, suppress, n);
                n = 0;
            }
        }

        if (n > 0)
        {
            SendSpecific(g.Group, suppress, n);
        }
    }

    /// <summary>RFC 3376 §6.6.3.1: lower the filter timer to LMQT, send Q(G) now and LMQC-1 more every LMQI.</summary>
    private void StartGroupQuery(long now, GroupState g)
    {
        if (!SendsGroupQueries)
        {
            return;
        }

        // A new Q(G) always restarts the round: a second leave must be answered (mcproxy ignored it).
        g.FilterDeadline = Math.Min(g.FilterDeadline, now + _timers.LastMemberQueryTimeMs);
        g.GroupQueriesLeft = _timers.LastMemberQueryCount;
        SendGroupRound(now, g);
    }

    /// <summary>One Q(G); S set when the filter timer is above LMQT (a report came in meanwhile).</summary>
    private void SendGroupRound(long now, GroupState g)
    {
        g.GroupQueryDeadline = Deadline.Never;
        if (!SendsGroupQueries || g.GroupQueriesLeft <= 0)
        {
            g.GroupQueriesLeft = 0;
            return;
        }

        bool suppress = g.FilterDeadline != Deadline.Never && g.FilterDeadline - now > _timers.LastMemberQueryTimeMs;
        SendSpecific(g.Group, suppress, 0);
        g.GroupQueriesLeft--;
        if (g.GroupQueriesLeft > 0)
        {
            g.GroupQueryDeadline = now + _timers.LastMemberQueryIntervalMs;
        }
    }

    /// <summary>Sends a specific query with the first <paramref name="sourceCount"/> entries of the scratch list.</summary>
    private void SendSpecific(Addr group, bool suppress, int sourceCount)
    {
        var q = new QueryMessage(
            QueryVersion,
            group,
            (int)_timers.LastMemberQueryIntervalMs,
            suppress,
            _timers.Robustness,
            (int)(_timers.QueryIntervalMs / 1000),
            sourceCount);
        _queries.SendQuery(q, _querySources.AsSpan(0, sourceCount));
        _counters.QueriesSent++;
    }

    /// <summary>
    /// RFC 3376 §6.6.1 / RFC 3810 §7.6.1: a specific query with S clear from the elected querier
    /// lowers the filter timer (Q(G)) or the listed source timers (Q(G,A)) to <paramref name="lmqtMs"/>.
    /// </summary>
    public void OnSpecificQuery(long now, Addr group, ReadOnlySpan<Addr> sources, long lmqtMs)
    {
        GroupState? g = Find(group);
        if (g is null || lmqtMs <= 0)
        {
            return;
        }

        long lowered = now + lmqtMs;
        if (sources.Length == 0)
        {
            if (g.Mode == FilterMode.Exclude)
            {
                g.FilterDeadline = Math.Min(g.FilterDeadline, lowered);
            }
        }
        else
        {
            foreach (Addr s in sources)
            {
                int i = g.IndexOf(s);
                if (i >= 0 && g.Sources[i].IsRunning)
                {
                    g.Sources[i].Deadline = Math.Min(g.Sources[i].Deadline, lowered);
                }
            }
        }

        _heap.Update(g, g.ComputeNextDeadline());
    }
}
