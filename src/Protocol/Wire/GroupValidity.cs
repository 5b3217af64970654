namespace McProxy.Protocol.Wire;

/// <summary>Which group addresses a router manages, per family.</summary>
internal static class GroupValidity
{
    /// <summary>Multicast of the given family (an MLD address that is v4-mapped is not).</summary>
    public static bool IsMulticast(Addr group, bool v6) => group.IsV4 != v6 && group.IsMulticast;

    /// <summary>
    /// Reports for these groups are not managed: IPv4 224.0.0.0/24 (RFC 3376 §6 "ignore
    /// reports for 224.0.0.x"; RFC 5771 §4) and IPv6 scope 0-2, e.g. ff02::1 (RFC 3810 §6, §7).
    /// </summary>
    public static bool IsLinkLocal(Addr group) => group.IsLinkLocalScopeMulticast;

    /// <summary>0 when a report/leave group is acceptable, else the drop reason.</summary>
    public static DropReason CheckReportGroup(Addr group, bool v6)
    {
        if (!IsMulticast(group, v6))
        {
            return DropReason.NotMulticastGroup;
        }

        return IsLinkLocal(group) ? DropReason.LinkLocalGroup : DropReason.None;
    }

    private static readonly Addr AllSystemsV4 = Addr.FromV4(224, 0, 0, 1);
    private static readonly Addr AllNodesV6 = new(0xFF02_0000_0000_0000UL, 1);

    /// <summary>
    /// RFC 3376 §4.1.12 / RFC 3810 §5.1.15: general queries go to all-systems (224.0.0.1,
    /// ff02::1), group(-and-source)-specific ones to the group. Anything else (unicast to the
    /// router, another group) no host hears, so it cannot be a real querier's. An unknown
    /// destination (<see cref="Addr.None"/>, tests only) is not checked.
    /// </summary>
    public static DropReason CheckQueryDestination(Addr destination, Addr group, bool v6)
    {
        if (destination == Addr.None || destination == (v6 ? AllNodesV6 : AllSystemsV4))
        {
            return DropReason.None;
        }

        bool general = v6 ? group == Addr.None : group.IsUnspecified;
        return !general && destination == group ? DropReason.None : DropReason.BadDestination;
    }

    /// <summary>A parsed query's destination check; a refused query leaves no message behind.</summary>
    public static DropReason CheckQuery(DropReason parsed, Addr destination, bool v6, ref MembershipMessage msg)
    {
        DropReason reason = parsed == DropReason.None ? CheckQueryDestination(destination, msg.Group, v6) : parsed;
        if (reason != DropReason.None)
        {
            msg = default;
        }

        return reason;
    }

    /// <summary>RFC 3376 §4.2.12 / RFC 3810 §5.2.12: records of unknown type are ignored; records
    /// for invalid or link-local groups are skipped the same way rather than dropping the
    /// other records of the report.</summary>
    public static bool IsUsableRecord(byte type, Addr group, bool v6) =>
        type is >= (byte)RecordType.ModeIsInclude and <= (byte)RecordType.BlockOldSources &&
        CheckReportGroup(group, v6) == DropReason.None;
}
