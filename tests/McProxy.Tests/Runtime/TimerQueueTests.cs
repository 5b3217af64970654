using System;
using System.Collections.Generic;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;
using Xunit;

namespace McProxy.Tests.Runtime;

public class TimerQueueTests
{
    private sealed class Recorder : ITimerHandler
    {
        private readonly List<string> _log;
        private readonly string _name;

        public Recorder(List<string> log, string name)
        {
            _log = log;
            _name = name;
        }

        public Action<long>? Then { get; set; }

        public void OnTimer(long now)
        {
            _log.Add($"{_name}@{now}");
            Then?.Invoke(now);
        }
    }

    [Fact]
    public void FiresInDeadlineOrder()
    {
        var log = new List<string>();
        var q = new TimerQueue();
        var a = new Timer(new Recorder(log, "a"));
        var b = new Timer(new Recorder(log, "b"));
        var c = new Timer(new Recorder(log, "c"));
        q.Arm(a, 30);
        q.Arm(b, 10);
        q.Arm(c, 20);
        Assert.Equal(10, q.NextDeadline);
        Assert.Equal(0, q.RunDue(9));
        Assert.Equal(2, q.RunDue(25));
        Assert.Equal(new[] { "b@25", "c@25" }, log);
        Assert.Equal(30, q.NextDeadline);
        Assert.False(b.IsArmed);
        Assert.True(a.IsArmed);
    }

    [Fact]
    public void EqualDeadlinesAreFirstInFirstOut()
    {
        var log = new List<string>();
        var q = new TimerQueue();
        var timers = new Timer[20];
        for (int i = 0; i < timers.Length; i++)
        {
            timers[i] = new Timer(new Recorder(log, i.ToString()));
            q.Arm(timers[i], 100);
        }

        q.RunDue(100);
        for (int i = 0; i < timers.Length; i++)
        {
            Assert.Equal($"{i}@100", log[i]);
        }
    }

    [Fact]
    public void RearmMovesAndCancelRemoves()
    {
        var log = new List<string>();
        var q = new TimerQueue();
        var a = new Timer(new Recorder(log, "a"));
        var b = new Timer(new Recorder(log, "b"));
        q.Arm(a, 10);
        q.Arm(b, 20);
        q.Arm(a, 30);
        Assert.Equal(20, q.NextDeadline);
        q.Cancel(b);
        Assert.Equal(30, q.NextDeadline);
        q.Arm(a, long.MaxValue);
        Assert.Equal(long.MaxValue, q.NextDeadline);
        Assert.Equal(0, q.Count);
        q.RunDue(1000);
        Assert.Empty(log);
    }

    [Fact]
    public void HandlerRearmingForNowRunsInTheNextPassNotForever()
    {
        var log = new List<string>();
        var q = new TimerQueue();
        var rec = new Recorder(log, "a");
        var a = new Timer(rec);
        rec.Then = now => q.Arm(a, now);
        q.Arm(a, 5);
        Assert.Equal(1, q.RunDue(5));
        Assert.Equal(1, q.RunDue(5));
        Assert.Equal(2, log.Count);
    }

    [Fact]
    public void HandlerCancellingALaterDueTimerStopsIt()
    {
        var log = new List<string>();
        var q = new TimerQueue();
        var recA = new Recorder(log, "a");
        var a = new Timer(recA);
        var b = new Timer(new Recorder(log, "b"));
        recA.Then = _ => q.Arm(b, 500);
        q.Arm(a, 1);
        q.Arm(b, 2);
        q.RunDue(10);
        Assert.Equal(new[] { "a@10" }, log);
        Assert.Equal(500, q.NextDeadline);
    }

    [Fact]
    public void RandomisedAgainstSortedReference()
    {
        var rng = new Random(1234);
        var log = new List<string>();
        var q = new TimerQueue();
        var timers = new Timer[200];
        var deadlines = new long[200];
        for (int i = 0; i < timers.Length; i++)
        {
            timers[i] = new Timer(new Recorder(log, i.ToString()));
        }

        for (int step = 0; step < 5000; step++)
        {
            int i = rng.Next(timers.Length);
            if (rng.Next(4) == 0)
            {
                q.Cancel(timers[i]);
                deadlines[i] = 0;
            }
            else
            {
                deadlines[i] = rng.Next(1, 100000);
                q.Arm(timers[i], deadlines[i]);
            }
        }

        long expectedMin = long.MaxValue;
        int armed = 0;
        foreach (long d in deadlines)
        {
            if (d != 0)
            {
                expectedMin = Math.Min(expectedMin, d);
                armed++;
            }
        }

        Assert.Equal(armed, q.Count);
        Assert.Equal(expectedMin, q.NextDeadline);
        q.RunDue(long.MaxValue - 1);
        Assert.Equal(armed, log.Count);
        long last = 0;
        foreach (string entry in log)
        {
            long d = deadlines[int.Parse(entry.Split('@')[0])];
            Assert.True(d >= last);
            last = d;
        }
    }

    [Fact]
    public void SteadyStateRearmingAllocatesNothing()
    {
        var q = new TimerQueue();
        var timers = new Timer[64];
        var handler = new Recorder(new List<string>(), "x");
        for (int i = 0; i < timers.Length; i++)
        {
            timers[i] = new Timer(handler);
            q.Arm(timers[i], i);
        }

        q.RunDue(1000);
        for (int i = 0; i < timers.Length; i++)
        {
            q.Arm(timers[i], i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 10000; round++)
        {
            Timer t = timers[round % timers.Length];
            q.Arm(t, round + 2000);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
