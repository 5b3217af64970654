using McProxy.Config.Model;

namespace McProxy.Protocol.Membership;

/// <summary>
/// One group for status output (-s): router state, remaining timers in ms (0 = not running),
/// group compatibility version and the remaining older-host-present time, and the view the
/// proxy sees (the router state: INCLUDE with running sources, or EXCLUDE with the excluded ones).
/// </summary>
internal sealed record GroupStatus(
    Addr Group,
    FilterMode Mode,
    long FilterTimerMs,
    SourceStatus[] Sources,
    ProtocolVersion CompatVersion,
    long OlderHostTimerMs,
    FilterMode ViewMode,
    Addr[] ViewSources,
    Addr[] Hosts,
    bool HostsIncomplete,
    int GroupQueriesLeft);
