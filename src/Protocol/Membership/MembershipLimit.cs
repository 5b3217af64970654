namespace McProxy.Protocol.Membership;

/// <summary>Which per-interface resource limit (or per-host share of one) refused a record (InterfaceSettings.Max*).</summary>
internal enum MembershipLimit : byte
{
    Groups,
    SourcesPerGroup,
    HostsPerGroup,

    /// <summary>One host's share of max_groups (InterfaceSettings.HostSharePercent).</summary>
    GroupsPerHost,

    /// <summary>One host's share of max_sources_per_group.</summary>
    SourcesPerHost,
}
