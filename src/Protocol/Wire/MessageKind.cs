namespace McProxy.Protocol.Wire;

/// <summary>What a parsed membership message is.</summary>
internal enum MessageKind : byte
{
    None = 0,

    /// <summary>Query with unspecified group and no sources.</summary>
    GeneralQuery,

    /// <summary>Group-specific query (group set, no sources).</summary>
    GroupQuery,

    /// <summary>Group-and-source-specific query (IGMPv3/MLDv2 only).</summary>
    GroupSourceQuery,

    /// <summary>IGMPv1 report (RFC 1112); MLD has no counterpart.</summary>
    V1Report,

    /// <summary>IGMPv2 report (RFC 2236) or MLDv1 report (RFC 2710): the ASM report.</summary>
    V2Report,

    /// <summary>IGMPv2 leave group or MLDv1 done.</summary>
    Leave,

    /// <summary>IGMPv3 report (RFC 3376 §4.2) or MLDv2 report (RFC 3810 §5.2).</summary>
    V3Report,
}
