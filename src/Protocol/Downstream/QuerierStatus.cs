
namespace McProxy.Protocol.Downstream;

/// <summary>Querier state for status output; times are remaining ms (0 = not running).</summary>
internal sealed record QuerierStatus(
    bool IsQuerier,
    Addr OwnAddress,
    Addr OtherQuerier,
    long OtherQuerierTimerMs,
    ProtocolVersion QueryVersion,
    int StartupQueriesLeft,
    long NextGeneralQueryMs,
    int Robustness,
    long QueryIntervalMs);
