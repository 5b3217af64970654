using System;

namespace McProxy.Runtime.Loop;

/// <summary>
/// The daemon's single thread. Each pass (libuv/uloop order): read the clock once, run due
/// timers, compute the poll timeout from the next deadline, poll the registered descriptors,
/// dispatch the readable ones. No tasks, no thread pool, no allocation per pass.
/// </summary>
internal sealed class EventLoop
{
    private readonly IClock _clock;
    private readonly IPoller _poller;
    private int[] _fds = new int[8];
    private IReadHandler[] _handlers = new IReadHandler[8];
    private bool[] _ready = new bool[8];
    private int _count;
    private bool _stop;

    public EventLoop(IClock clock, IPoller poller)
    {
        _clock = clock;
        _poller = poller;
        Timers.OnFault = Fault;
    }

    /// <summary>
    /// Told of every exception a read or timer handler threw, with the handler (for the log);
    /// the loop counts it in <see cref="Faults"/> and goes on. Null: the loop only counts.
    /// </summary>
    public Action<Exception, object>? OnFault { get; set; }

    /// <summary>Exceptions thrown by handlers since the loop was made (status: "handler errors").</summary>
    public long Faults { get; private set; }

    public TimerQueue Timers { get; } = new();

    public long Now => _clock.NowMs;


    public void Register(int fd, IReadHandler handler)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_fds[i] == fd)
            {
                _handlers[i] = handler;
                return;
            }
        }

        if (_count == _fds.Length)
        {
            Array.Resize(ref _fds, _count * 2);
            Array.Resize(ref _handlers, _count * 2);
            Array.Resize(ref _ready, _count * 2);
        }

        _fds[_count] = fd;
        _handlers[_count] = handler;
        _count++;
    }

    public void Unregister(int fd)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_fds[i] == fd)
            {
                _count--;
                _fds[i] = _fds[_count];
                _handlers[i] = _handlers[_count];
                _handlers[_count] = null!;
                return;
            }
        }
    }

    private void Fault(Exception e, object handler)
    {
        Faults++;
        OnFault?.Invoke(e, handler);
    }

    /// <summary>Makes <see cref="Run"/> return after the current pass.</summary>
    public void Stop() => _stop = true;

    public void Run()
    {
        _stop = false;
        while (!_stop)
        {
            RunOnce();
        }
    }

    /// <summary>One pass; public for tests driving the loop step by step.</summary>
    public void RunOnce()
    {
        long now = _clock.NowMs;
        Timers.RunDue(now);
        if (_stop)
        {
            return;
        }

        long next = Timers.NextDeadline;
        int timeout = next == long.MaxValue ? -1 : (int)Math.Clamp(next - now, 0, int.MaxValue);
        int count = _count;
        Span<bool> ready = _ready.AsSpan(0, count);
        ready.Clear();
        if (_poller.Wait(_fds.AsSpan(0, count), ready, timeout) <= 0)
        {
            return;
        }

        now = _clock.NowMs;
        for (int i = 0; i < count && !_stop; i++)
        {
            // A handler may unregister descriptors; re-check the slot still holds a handler.
            if (ready[i] && i < _count)
            {
                IReadHandler handler = _handlers[i];
                try
                {
                    handler.OnReadable(now);
                }
                catch (Exception e)
                {
                    Fault(e, handler);
                }
            }
        }
    }
}
