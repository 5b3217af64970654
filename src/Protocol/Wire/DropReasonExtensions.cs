namespace McProxy.Protocol.Wire;

/// <summary>Stable names for status output and counters.</summary>
internal static class DropReasonExtensions
{
    /// <summary>Number of enum values, for sizing per-reason counter arrays.</summary>
    public const int Count = (int)DropReason.SourcesCut + 1;

    public static string Name(this DropReason reason) => reason switch
    {
        DropReason.None => "none",
        DropReason.Truncated => "truncated",
        DropReason.BadChecksum => "bad-checksum",
        DropReason.BadLength => "bad-length",
        DropReason.UnknownType => "unknown-type",
        DropReason.NotMulticastGroup => "not-multicast-group",
        DropReason.LinkLocalGroup => "link-local-group",
        DropReason.BadTtl => "bad-ttl",
        DropReason.NonLinkLocalSource => "non-link-local-source",
        DropReason.BadSource => "bad-source",
        DropReason.InvalidQuery => "invalid-query",
        DropReason.BadIpHeader => "bad-ip-header",
        DropReason.BadDestination => "bad-destination",
        DropReason.SourcesCut => "sources-cut",
        _ => "unknown",
    };
}
