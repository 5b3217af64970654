using System;
using System.Collections.Generic;
using McProxy.Config.Model;

namespace McProxy.Protocol.Membership;

/// <summary>Status snapshots for -s output (allocates; not for the hot path).</summary>
internal sealed partial class MembershipTable
{
    /// <summary>All groups, sorted by address, with timers relative to <paramref name="now"/>.</summary>
    public List<GroupStatus> GetStatus(long now)
    {
        var list = new List<GroupStatus>(_groups.Count);
        foreach (GroupState g in _groups.Values)
        {
            list.Add(StatusOf(now, g));
        }

        list.Sort((a, b) => a.Group.CompareTo(b.Group));
        return list;
    }

    /// <summary>One group's status, or null when it has no state.</summary>
    public GroupStatus? GetStatus(long now, Addr group) =>
        _groups.TryGetValue(group, out GroupState? g) ? StatusOf(now, g) : null;

    private GroupStatus StatusOf(long now, GroupState g)
    {
        var sources = new SourceStatus[g.SourceCount];
        for (int i = 0; i < sources.Length; i++)
        {
            SourceEntry e = g.Sources[i];
            sources[i] = new SourceStatus(e.Address, Deadline.Remaining(e.Deadline, now), e.Retransmissions);
        }

        int level = EffectiveLevel(g);
        long older = g.V1HostDeadline != Deadline.Never ? g.V1HostDeadline : g.V2HostDeadline;
        var hosts = new List<Addr>();
        foreach (HostEntry h in g.Hosts)
        {
            if (h.Expires > now)
            {
                hosts.Add(h.Host);
            }
        }

        return new GroupStatus(
            g.Group,
            g.Mode,
            g.Mode == FilterMode.Exclude ? Deadline.Remaining(g.FilterDeadline, now) : 0,
            sources,
            VersionOf(level),
            Deadline.Remaining(older, now),
            g.PublishedMode,
            g.PublishedSources.ToArray(),
            hosts.ToArray(),
            g.HostsIncomplete,
            g.GroupQueriesLeft);
    }

    private ProtocolVersion VersionOf(int level) => _family == IpFamily.V6
        ? (level <= 2 ? ProtocolVersion.MLDv1 : ProtocolVersion.MLDv2)
        : (ProtocolVersion)level;
}
