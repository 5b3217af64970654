namespace McProxy.Protocol.Membership;

/// <summary>Timer expiry (RFC 3376 §6.2.2, §6.3, §6.5, §7.3.2) and query retransmissions.</summary>
internal sealed partial class MembershipTable
{
    /// <summary>
    /// Runs everything due at or before <paramref name="now"/>, in deadline order per group. The
    /// owner calls it before every input, so inputs never see an overdue timer.
    /// </summary>
    public void OnTimer(long now)
    {
        while (_heap.Count > 0 && _heap.Min <= now)
        {
            GroupState g = _heap.Top;
            ExpireGroup(now, g);
            Commit(g);
        }
    }

    /// <summary>
    /// Handles the group's due deadlines one instant at a time (the earliest first, using that
    /// instant as the time of the event), so a late call gives the same result as a punctual one.
    /// </summary>
    private void ExpireGroup(long now, GroupState g)
    {
        long t;
        while (!g.IsEmpty && (t = g.ComputeNextDeadline()) <= now)
        {
            ExpireAt(t, g);
        }
    }

    private void ExpireAt(long t, GroupState g)
    {
        // §7.3.2: when a host-present timer expires the compatibility mode is recomputed from
        // the timers still running (no stepping up through versions, no extra timer).
        if (g.V1HostDeadline <= t)
        {
            g.V1HostDeadline = Deadline.Never;
        }

        if (g.V2HostDeadline <= t)
        {
            g.V2HostDeadline = Deadline.Never;
        }

        // The round that followed a fast leave is over: whatever state is left is visible
        // again (it is what the RFC procedure would have kept); the leaver's answer window ends.
        if (g.HiddenUntil <= t)
        {
            g.HiddenUntil = Deadline.Never;
        }

        if (g.LeaverUntil <= t)
        {
            g.LeaverUntil = Deadline.Never;
            g.Leaver = default;
        }

        ExpireSources(t, g);

        // §6.2.2 / §6.5: filter timer expiry in EXCLUDE mode: to INCLUDE with the sources whose
        // timers run (X); the EXCLUDE list Y is dropped. With X empty the group is deleted.
        if (g.Mode == FilterMode.Exclude && g.FilterDeadline <= t)
        {
            g.Mode = FilterMode.Include;
            g.FilterDeadline = Deadline.Never;
            foreach (ref SourceEntry e in g.Sources)
            {
                if (!e.IsRunning)
                {
                    e.Flags |= SourceFlags.Delete;
                }
            }

            g.CompactAndClearFlags();
        }

        if (g.GroupQueryDeadline <= t)
        {
            SendGroupRound(t, g);
        }

        if (g.SourceQueryDeadline <= t)
        {
            SendSourceRound(t, g);
        }
    }

    /// <summary>§6.3: an expired source is deleted in INCLUDE mode and moved to the EXCLUDE list in EXCLUDE mode.</summary>
    private static void ExpireSources(long t, GroupState g)
    {
        bool include = g.Mode == FilterMode.Include;
        foreach (ref SourceEntry e in g.Sources)
        {
            if (e.IsRunning && e.Deadline <= t)
            {
                e.Deadline = Deadline.Never;
                e.Retransmissions = 0;
                if (include)
                {
                    e.Flags |= SourceFlags.Delete;
                }
            }
        }

        g.CompactAndClearFlags();
    }
}
