namespace McProxy.Protocol.Membership;

/// <summary>Which per-interface resource limit refused a record (InterfaceSettings.Max*).</summary>
internal enum MembershipLimit : byte
{
    Groups,
    SourcesPerGroup,
    HostsPerGroup,
}
