using System;

namespace McProxy.Protocol.Membership;

/// <summary>Decoded reports: IGMPv3/MLDv2 records, IGMPv1/v2 and MLDv1 reports, leaves/dones.</summary>
internal sealed partial class MembershipTable
{
    /// <summary>One IGMPv3/MLDv2 group record from <paramref name="reporter"/>.</summary>
    public void OnRecord(long now, Addr reporter, RecordType type, Addr group, ReadOnlySpan<Addr> sources)
    {
        if (!Acceptable(group) || type < RecordType.ModeIsInclude || type > RecordType.BlockOldSources)
        {
            _counters.Ignored++;
            return;
        }

        _counters.RecordsReceived++;
        if (type is RecordType.ModeIsExclude or RecordType.ChangeToExclude && IsSsm(group))
        {
            IgnoreSsm(group, reporter);
            return;
        }

        sources = ValidSources(group, sources);
        GroupState? g = Find(group);
        int level = g is null ? _configuredLevel : EffectiveLevel(g);

        // RFC 3376 §7.3.2 / RFC 3810 §8.3.2: with older hosts present BLOCK is ignored and TO_EX
        // source lists are dropped; in IGMPv1 mode TO_IN is ignored too. A router configured for
        // an older version runs every group in that mode permanently (its hosts fall back anyway).
        if (level <= 2 && type == RecordType.BlockOldSources)
        {
            _counters.Ignored++;
            return;
        }

        if (level <= 2 && type == RecordType.ChangeToExclude)
        {
            sources = default;
        }

        if (level == 1 && type == RecordType.ChangeToInclude)
        {
            _counters.Ignored++;
            return;
        }

        bool leave = type == RecordType.ChangeToInclude && sources.Length == 0;
        bool interested = ExpressesInterest(type, sources);
        if (leave)
        {
            TryFastLeave(now, g, reporter);
        }

        g ??= CreateFor(now, group, reporter, interested);
        if (g is null)
        {
            return;
        }

        if (interested)
        {
            OnInterest(now, g, reporter, currentState: type is RecordType.ModeIsInclude or RecordType.ModeIsExclude);
        }

        ApplyRecord(now, g, type, sources, reporter);
        TrackHost(now, g, reporter, interested, leave);
        Commit(g);
    }

    /// <summary>
    /// A source is a unicast sender of the group's family (RFC 3376 §4.2.8, RFC 3810 §5.2.10,
    /// RFC 4607 §1): multicast, unspecified, broadcast or wrong-family entries are dropped from
    /// the record (counted as ignored) so they can never reach an upstream subscription. The
    /// common all-valid case returns the span unchanged without copying.
    /// </summary>
    private ReadOnlySpan<Addr> ValidSources(Addr group, ReadOnlySpan<Addr> sources)
    {
        int i = 0;
        while (i < sources.Length && IsValidSource(group, sources[i]))
        {
            i++;
        }

        if (i == sources.Length)
        {
            return sources;
        }

        if (_sourceScratch.Length < sources.Length)
        {
            _sourceScratch = new Addr[sources.Length];
        }

        int n = 0;
        foreach (Addr s in sources)
        {
            if (IsValidSource(group, s))
            {
                _sourceScratch[n++] = s;
            }
            else
            {
                _counters.Ignored++;
            }
        }

        return _sourceScratch.AsSpan(0, n);
    }

    private static bool IsValidSource(Addr group, Addr source) =>
        source.IsV4 == group.IsV4 && !source.IsMulticast && !source.IsUnspecified
        && !(source.IsV4 && source.V4 == uint.MaxValue);

    /// <summary>IGMPv1 report (RFC 3376 §7.3.2: IS_EX({}) and the IGMPv1 host present timer).</summary>
    public void OnV1Report(long now, Addr reporter, Addr group)
    {
        if (_family != IpFamily.V4)
        {
            _counters.Ignored++;
            return;
        }

        OnOldReport(now, reporter, group, v1: true);
    }

    /// <summary>IGMPv2 report or MLDv1 report: IS_EX({}) and the v2/MLDv1 host present timer.</summary>
    public void OnV2Report(long now, Addr reporter, Addr group) => OnOldReport(now, reporter, group, v1: false);

    /// <summary>
    /// IGMPv2 leave or MLDv1 done: TO_IN({}) (RFC 3376 §7.3.2, RFC 3810 §8.3.2), ignored while
    /// an IGMPv1 host is present or when configured for IGMPv1 (§7.3.1). Fast leave may hide
    /// the group first; the last member query round runs either way.
    /// </summary>
    public void OnLeave(long now, Addr reporter, Addr group)
    {
        if (!Acceptable(group))
        {
            _counters.Ignored++;
            return;
        }

        _counters.LeavesReceived++;
        if (IsSsm(group))
        {
            IgnoreSsm(group, reporter);
            return;
        }

        GroupState? g = Find(group);
        if (g is null || EffectiveLevel(g) == 1)
        {
            _counters.Ignored++;
            return;
        }

        TryFastLeave(now, g, reporter);
        ApplyRecord(now, g, RecordType.ChangeToInclude, default, reporter);
        TrackHost(now, g, reporter, interested: false, leave: true);
        Commit(g);
    }

    private void OnOldReport(long now, Addr reporter, Addr group, bool v1)
    {
        if (!Acceptable(group))
        {
            _counters.Ignored++;
            return;
        }

        _counters.OldReportsReceived++;
        if (IsSsm(group))
        {
            IgnoreSsm(group, reporter);
            return;
        }

        GroupState? g = Find(group) ?? CreateFor(now, group, reporter, canCreate: true);
        if (g is null)
        {
            return;
        }

        long until = now + _timers.OlderHostPresentIntervalMs;
        if (v1)
        {
            g.V1HostDeadline = until;
        }
        else
        {
            g.V2HostDeadline = until;
        }

        OnInterest(now, g, reporter, currentState: false);
        ApplyRecord(now, g, RecordType.ModeIsExclude, default, reporter);
        TrackHost(now, g, reporter, interested: true, leave: false);
        Commit(g);
    }

    private bool IsSsm(Addr group) => GroupScope.IsSsm(group, _settings.SsmRanges);

    /// <summary>
    /// RFC 4604 §2.2.3: an SSM-aware router ignores IS_EX / TO_EX records and IGMPv1/v2 /
    /// MLDv1 messages for source-specific groups, so no EXCLUDE state (and never an any-source
    /// join upstream) exists for them. Counted as ignored and reported (rate-limited by the
    /// runtime): an IGMPv2 set-top box in an SSM range gets no picture, and the log says why.
    /// </summary>
    private void IgnoreSsm(Addr group, Addr reporter)
    {
        _counters.Ignored++;
        Diagnostics?.OnSsmIgnored(_interfaceId, group, reporter);
    }

    /// <summary>A new INCLUDE{} group for a record that can create state, unless the group limit refuses it.</summary>
    private GroupState? CreateFor(long now, Addr group, Addr reporter, bool canCreate)
    {
        if (!canCreate)
        {
            return null;
        }

        if (_groups.Count >= _settings.MaxGroups)
        {
            Refuse(MembershipLimit.Groups, group, reporter);
            return null;
        }

        // One host may create only its share of max_groups, so a flooding host leaves room
        // for the other viewers of the interface (a forger of many addresses is still held
        // by max_groups itself).
        if (GroupsOwnedBy(reporter) >= _settings.MaxGroupsPerHost)
        {
            Refuse(MembershipLimit.GroupsPerHost, group, reporter);
            return null;
        }

        return Rent(group, reporter);
    }

    /// <summary>
    /// Whether the record asks for traffic. Exactly these records can create a group: the others
    /// leave IN{} unchanged (RFC 3376 §6.4 with A = {}).
    /// </summary>
    private static bool ExpressesInterest(RecordType type, ReadOnlySpan<Addr> sources) => type switch
    {
        RecordType.ModeIsExclude or RecordType.ChangeToExclude => true,
        RecordType.BlockOldSources => false,
        _ => sources.Length > 0,
    };
}
