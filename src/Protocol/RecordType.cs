namespace McProxy.Protocol;

/// <summary>Group record types of IGMPv3 (RFC 3376 §4.2.12) and MLDv2 (RFC 3810 §5.2.12); values are the wire codes.</summary>
internal enum RecordType : byte
{
    ModeIsInclude = 1,
    ModeIsExclude = 2,
    ChangeToInclude = 3,
    ChangeToExclude = 4,
    AllowNewSources = 5,
    BlockOldSources = 6,
}
