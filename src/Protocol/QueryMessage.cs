
namespace McProxy.Protocol;

/// <summary>
/// A membership query, as received (decoded by Wire) or as the querier wants it sent (encoded
/// by Wire). Group unspecified = general query; sources (given separately as a span) make it
/// group-and-source-specific. Times are milliseconds whatever the wire unit.
/// </summary>
internal readonly record struct QueryMessage(
    ProtocolVersion Version,
    Addr Group,
    int MaxRespMs,
    bool SuppressRouterProcessing,
    int Robustness,
    int QueryIntervalSeconds,
    int SourceCount)
{
    public bool IsGeneral => Group.IsUnspecified || Group == default;
}
