using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>
/// One installed forwarding entry: (S,G), input vif, output vifs (bit i = vif i), the kernel's
/// counters when it could be asked (<see cref="HasCounters"/>), and the next idle check.
/// </summary>
internal sealed record RouteSnapshot(
    Addr Source,
    Addr Group,
    int InputVif,
    uint OutputMask,
    bool HasCounters,
    ulong Packets,
    ulong Bytes,
    ulong WrongIf,
    long NextCheckMs);
