using System;
using System.Collections.Generic;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;
using Xunit;

namespace McProxy.Tests.Runtime;

public class EventLoopTests
{
    private sealed class FakeClock : IClock
    {
        public long NowMs { get; set; }
    }

    /// <summary>Scripted poller: records each wait's timeout, advances the fake clock by it
    /// (or to the next scripted readiness), and reports the scripted descriptors ready.</summary>
    private sealed class FakePoller : IPoller
    {
        private readonly FakeClock _clock;

        public FakePoller(FakeClock clock)
        {
            _clock = clock;
        }

        public List<int> Timeouts { get; } = new();

        public Queue<(long At, int Fd)> Script { get; } = new();

        public int Wait(ReadOnlySpan<int> fds, Span<bool> ready, int timeoutMs)
        {
            Timeouts.Add(timeoutMs);
            long wake = timeoutMs < 0 ? long.MaxValue : _clock.NowMs + timeoutMs;
            if (Script.Count > 0 && Script.Peek().At <= wake)
            {
                (long at, int fd) = Script.Dequeue();
                _clock.NowMs = Math.Max(_clock.NowMs, at);
                int n = 0;
                for (int i = 0; i < fds.Length; i++)
                {
                    if (fds[i] == fd)
                    {
                        ready[i] = true;
                        n++;
                    }
                }

                return n;
            }

            if (wake == long.MaxValue)
            {
                // Nothing scripted and no deadline: behave like poll() interrupted by a signal.
                return 0;
            }

            _clock.NowMs = wake;
            return 0;
        }
    }

    private sealed class Handler : IReadHandler, ITimerHandler
    {
        public List<string> Events { get; } = new();

        public Action<long>? OnRead { get; set; }

        public void OnReadable(long now)
        {
            Events.Add($"read@{now}");
            OnRead?.Invoke(now);
        }

        public void OnTimer(long now) => Events.Add($"timer@{now}");
    }

    [Fact]
    public void PollTimeoutComesFromTheNextDeadline()
    {
        var clock = new FakeClock { NowMs = 1000 };
        var poller = new FakePoller(clock);
        var loop = new EventLoop(clock, poller);
        var h = new Handler();
        var t = new Timer(h);
        loop.Timers.Arm(t, 1250);
        loop.RunOnce();
        Assert.Equal(250, poller.Timeouts[0]);
        loop.RunOnce();
        Assert.Equal(new[] { "timer@1250" }, h.Events);
    }

    [Fact]
    public void OverdueTimerGivesZeroTimeoutAndNoTimerMeansWaitForever()
    {
        var clock = new FakeClock { NowMs = 1000 };
        var poller = new FakePoller(clock);
        var loop = new EventLoop(clock, poller);
        var h = new Handler();
        loop.Register(7, h);
        poller.Script.Enqueue((1500, 7));
        loop.RunOnce();
        Assert.Equal(-1, poller.Timeouts[0]);
        Assert.Equal(new[] { "read@1500" }, h.Events);
    }

    [Fact]
    public void DispatchesOnlyReadyDescriptorsAndStops()
    {
        var clock = new FakeClock();
        var poller = new FakePoller(clock);
        var loop = new EventLoop(clock, poller);
        var a = new Handler();
        var b = new Handler();
        loop.Register(3, a);
        loop.Register(4, b);
        poller.Script.Enqueue((10, 4));
        poller.Script.Enqueue((20, 3));
        b.OnRead = _ => { };
        a.OnRead = _ => loop.Stop();
        loop.Run();
        Assert.Equal(new[] { "read@10" }, b.Events);
        Assert.Equal(new[] { "read@20" }, a.Events);
    }

    [Fact]
    public void AHandlerThatThrowsIsCountedAndReportedAndTheLoopGoesOn()
    {
        // Issue 13 item 7: one handler's bug must not end the daemon.
        var clock = new FakeClock();
        var poller = new FakePoller(clock);
        var loop = new EventLoop(clock, poller);
        var faults = new List<string>();
        loop.OnFault = (e, handler) => faults.Add($"{e.Message} in {(handler == null ? "?" : "handler")}");
        var bad = new Handler { OnRead = _ => throw new InvalidOperationException("read bug") };
        var good = new Handler();
        loop.Register(3, bad);
        loop.Register(4, good);
        var badTimer = new ThrowingTimer();
        var goodTimerHandler = new Handler();
        loop.Timers.Arm(new Timer(badTimer), 5);
        loop.Timers.Arm(new Timer(goodTimerHandler), 5);
        poller.Script.Enqueue((1, 3));
        poller.Script.Enqueue((2, 4));
        for (int pass = 0; pass < 4; pass++)
        {
            loop.RunOnce();
        }

        Assert.Equal(new[] { "read@1" }, bad.Events);
        Assert.Equal(new[] { "read@2" }, good.Events);
        Assert.Equal(new[] { "timer@5" }, goodTimerHandler.Events);
        Assert.Equal(1, badTimer.Calls);
        Assert.Equal(2, loop.Faults);
        Assert.Equal(new[] { "read bug in handler", "timer bug in handler" }, faults);
    }

    private sealed class ThrowingTimer : ITimerHandler
    {
        public int Calls { get; private set; }

        public void OnTimer(long now)
        {
            Calls++;
            throw new InvalidOperationException("timer bug");
        }
    }

    [Fact]
    public void UnregisteredDescriptorIsNoLongerPolled()
    {
        var clock = new FakeClock();
        var poller = new FakePoller(clock);
        var loop = new EventLoop(clock, poller);
        var a = new Handler();
        loop.Register(3, a);
        loop.Unregister(3);
        var t = new Timer(a);
        loop.Timers.Arm(t, 5);
        poller.Script.Enqueue((1, 3));
        loop.RunOnce();
        Assert.Empty(a.Events);
    }

    [Fact]
    public void TimersAndReadsInterleaveInTimeOrder()
    {
        var clock = new FakeClock();
        var poller = new FakePoller(clock);
        var loop = new EventLoop(clock, poller);
        var h = new Handler();
        loop.Register(5, h);
        var t1 = new Timer(h);
        loop.Timers.Arm(t1, 100);
        poller.Script.Enqueue((50, 5));
        poller.Script.Enqueue((150, 5));
        for (int i = 0; i < 4; i++)
        {
            loop.RunOnce();
        }

        Assert.Equal(new[] { "read@50", "timer@100", "read@150" }, h.Events);
    }

    [Fact]
    public void APassAllocatesNothing()
    {
        var clock = new FakeClock();
        var poller = new FakePoller(clock);
        var loop = new EventLoop(clock, poller);
        var h = new CountingHandler();
        var t = new Timer(h);
        loop.Timers.Arm(t, 1);
        poller.Timeouts.Capacity = 100000;
        loop.RunOnce();
        loop.RunOnce();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            loop.Timers.Arm(t, clock.NowMs);
            loop.RunOnce();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(1001, h.Count);
    }

    private sealed class CountingHandler : ITimerHandler
    {
        public int Count { get; private set; }

        public void OnTimer(long now) => Count++;
    }
}
