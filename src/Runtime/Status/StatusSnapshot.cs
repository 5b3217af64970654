using System.Collections.Generic;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>
/// Everything -s, SIGUSR1 and 'mcproxy show' report, copied out of the running daemon in one go
/// on the loop's thread; the renderers (<see cref="StatusTextWriter"/>, <see cref="StatusJsonWriter"/>)
/// read only this. Times are remaining milliseconds (0 = not running).
/// </summary>
internal sealed record StatusSnapshot(
    string Version,
    string Protocol,
    string ConfigPath,
    int Pid,
    long UptimeMs,
    IReadOnlyList<InstanceSnapshot> Instances,
    long HandlerErrors = 0,
    long FailedReloads = 0);
