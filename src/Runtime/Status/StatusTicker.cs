using System;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>A periodic callback on the event loop's <see cref="TimerQueue"/> (the -s output every interval).</summary>
internal sealed class StatusTicker : ITimerHandler
{
    private readonly EventLoop _loop;
    private readonly long _intervalMs;
    private readonly Action<long> _tick;
    private readonly Timer _timer;

    public StatusTicker(EventLoop loop, long intervalMs, Action<long> tick)
    {
        _loop = loop;
        _intervalMs = intervalMs;
        _tick = tick;
        _timer = new Timer(this);
    }

    public void Start(long now) => _loop.Timers.Arm(_timer, now + _intervalMs);

    public void Stop() => _loop.Timers.Cancel(_timer);

    public void OnTimer(long now)
    {
        // Re-armed from "now", not from the old deadline: a busy loop skips ticks instead of
        // printing a burst of them.
        _loop.Timers.Arm(_timer, now + _intervalMs);
        _tick(now);
    }
}
