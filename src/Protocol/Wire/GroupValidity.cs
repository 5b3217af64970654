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

    /// <summary>RFC 3376 §4.2.12 / RFC 3810 §5.2.12: records of unknown type are ignored; records
    /// for invalid or link-local groups are skipped the same way rather than dropping the
    /// other records of the report.</summary>
    public static bool IsUsableRecord(byte type, Addr group, bool v6) =>
        type is >= (byte)RecordType.ModeIsInclude and <= (byte)RecordType.BlockOldSources &&
        CheckReportGroup(group, v6) == DropReason.None;
}
