namespace McProxy.Runtime.Loop;

/// <summary>
/// One deadline in the <see cref="TimerQueue"/>, preallocated by its owner and re-armed, never
/// allocated per event (libubox uloop style). Protocol objects keep their many deadlines as
/// plain longs and own a single Timer for the earliest of them.
/// </summary>
internal sealed class Timer
{
    public Timer(ITimerHandler handler)
    {
        Handler = handler;
    }

    public ITimerHandler Handler { get; }

    /// <summary>Monotonic ms; meaningful while <see cref="IsArmed"/>.</summary>
    public long Deadline { get; internal set; }

    /// <summary>Arm order, so equal deadlines fire first in, first out (libuv's start_id).</summary>
    internal ulong Sequence { get; set; }

    /// <summary>Position in the heap, -1 when not armed.</summary>
    internal int HeapIndex { get; set; } = -1;

    public bool IsArmed => HeapIndex >= 0;
}
