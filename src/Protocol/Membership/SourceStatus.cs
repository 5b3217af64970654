namespace McProxy.Protocol.Membership;

/// <summary>A source of a group for status output: remaining source timer (0 = not running, i.e. excluded).</summary>
internal readonly record struct SourceStatus(Addr Source, long TimerMs, int Retransmissions);
