using System;

namespace McProxy.Runtime.Loop;

/// <summary>Monotonic milliseconds. The event loop reads it once per pass and hands `now` down.</summary>
internal interface IClock
{
    long NowMs { get; }
}

/// <summary>The process clock: CLOCK_MONOTONIC via Environment.TickCount64 (never jumps with wall time).</summary>
internal sealed class MonotonicClock : IClock
{
    public long NowMs => Environment.TickCount64;
}
