namespace McProxy.Protocol.Membership;

/// <summary>
/// Explicit host tracking and safe fast leave: a leave removes the group at once only when the
/// leaving host is the last live host we know of and tracking is complete (peers' complaint
/// igmpproxy #39/#87: quickleave cut off the other viewer).
/// </summary>
internal sealed partial class MembershipTable
{
    private void TrackHost(long now, GroupState g, Addr reporter, bool interested, bool leave)
    {
        if (_settings.MaxHostsPerGroup <= 0)
        {
            return;
        }

        if (reporter.IsUnspecified)
        {
            // A report from 0.0.0.0 / :: names no host: we can no longer prove who is last.
            g.HostsIncomplete |= interested;
            return;
        }

        if (leave)
        {
            g.RemoveHost(reporter, now);
        }
        else if (interested && !g.TouchHost(reporter, now + _timers.GroupMembershipIntervalMs, now, _settings.MaxHostsPerGroup))
        {
            g.HostsIncomplete = true;
            Refuse(MembershipLimit.HostsPerGroup, g.Group, reporter);
        }
    }

    /// <summary>
    /// Fast leave (InterfaceSettings.FastLeave): deletes the group when <paramref name="reporter"/>
    /// was its last live tracked host, and sends one group-specific query so that a listener we
    /// could not know about (IGMPv2/MLDv1 report suppression) re-reports at once.
    /// </summary>
    private bool TryFastLeave(long now, GroupState? g, Addr reporter)
    {
        if (!_settings.FastLeave || g is null || g.HostsIncomplete || _settings.MaxHostsPerGroup <= 0)
        {
            return false;
        }

        if (!g.RemoveHost(reporter, now) || g.PruneHosts(now) > 0)
        {
            return false;
        }

        _counters.FastLeaves++;
        Addr group = g.Group;
        Delete(g);
        if (SendsGroupQueries)
        {
            SendSpecific(group, suppress: false, 0);
        }

        return true;
    }
}
