namespace McProxy.Protocol.Routing;

/// <summary>A snapshot of one installed route, for status output.</summary>
/// <param name="LastPacketCount">Kernel packet count at the last check (0 before the first).</param>
/// <param name="NextCheck">Monotonic ms of the next counter check.</param>
internal readonly record struct RouteStatus(
    Addr Source,
    Addr Group,
    int InputId,
    uint OutputMask,
    ulong LastPacketCount,
    long NextCheck);
