namespace McProxy.Protocol.Routing;

/// <summary>A snapshot of one installed route, for status output.</summary>
/// <param name="LastPacketCount">Packets that arrived on the input (kernel packets minus wrong_if) at the last check or install.</param>
/// <param name="NextCheck">Monotonic ms of the next counter check.</param>
internal readonly record struct RouteStatus(
    Addr Source,
    Addr Group,
    int InputId,
    uint OutputMask,
    ulong LastPacketCount,
    long NextCheck);
