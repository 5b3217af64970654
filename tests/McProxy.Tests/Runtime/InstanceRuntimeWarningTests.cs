using System;
using System.Collections.Generic;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Interop;
using McProxy.Platform.Multicast;
using McProxy.Protocol;
using McProxy.Runtime;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;
using Xunit;

namespace McProxy.Tests.Runtime;

/// <summary>
/// Issue 13 item 8: warnings that can repeat per packet or route are rate-limited. A kernel that
/// refuses every forwarding entry (ENOMEM) during a flood of new (S,G) writes one line, not one
/// per packet.
/// </summary>
public sealed class InstanceRuntimeWarningTests
{
    private sealed class Lines : ILogSink
    {
        public List<string> All { get; } = new();

        public void Write(LogLevel level, ReadOnlySpan<char> line) => All.Add(line.ToString());
    }

    private sealed class Clock : IClock
    {
        public long NowMs { get; set; }
    }

    private sealed class NoPoll : IPoller
    {
        public int Wait(ReadOnlySpan<int> fds, Span<bool> ready, int timeoutMs) => 0;
    }

    /// <summary>A kernel that takes vifs and memberships but refuses every forwarding entry.</summary>
    private sealed class RefusingKernel : IMrouteSocket
    {
        public IpFamily Family => IpFamily.V4;

        public SafeFd Fd { get; } = new();

        public int Table => 0;

        public int AddMfcCalls { get; private set; }

        public Errno AddVif(int vif, int ifindex) => Errno.OK;

        public Errno DelVif(int vif) => Errno.OK;

        public Errno AddMfc(Addr source, Addr group, int parentVif, uint outputVifs)
        {
            AddMfcCalls++;
            return Errno.ENOMEM;
        }

        public Errno DelMfc(Addr source, Addr group, int parentVif) => Errno.OK;

        public Errno GetCounters(Addr source, Addr group, out RouteCounters counters)
        {
            counters = default;
            return Errno.OK;
        }

        public Errno JoinReportGroups(int ifindex) => Errno.OK;

        public Errno LeaveReportGroups(int ifindex) => Errno.OK;

        public Errno SetMembership(int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources) => Errno.OK;

        public Errno SendQuery(int ifindex, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources) => Errno.OK;

        public bool TryReceive(ref KernelEvent ev, out Errno errno)
        {
            errno = Errno.EAGAIN;
            return false;
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public void A_refused_route_is_said_once_a_minute_not_once_per_packet()
    {
        ProxyConfig config = ConfigLoader.LoadText("protocol IGMPv3;\npinstance p: up0 ==> dn0;\n", "w.conf");
        var clock = new Clock { NowMs = 1000 };
        var loop = new EventLoop(clock, new NoPoll());
        var lines = new Lines();
        var kernel = new RefusingKernel();
        var runtime = new InstanceRuntime(config.Instances[0], config, kernel, loop, new Log(lines, LogLevel.Notice));
        int dn0 = runtime.Core.Proxy.IdOf("dn0");
        runtime.Core.Attach(dn0, 11, Addr.Parse("10.2.0.1"), Addr.None, clock.NowMs);
        runtime.Core.Attach(runtime.Core.Proxy.IdOf("up0"), 12, Addr.Parse("10.1.0.1"), Addr.None, clock.NowMs);
        lines.All.Clear();

        for (int i = 0; i < 500; i++)
        {
            runtime.Core.OnData(clock.NowMs, dn0, Addr.FromV4(10, 2, 0, (byte)(2 + (i % 200))), Addr.FromV4(239, 9, (byte)(i >> 8), (byte)i));
        }

        Assert.Equal(500, kernel.AddMfcCalls);
        Assert.Single(lines.All, l => l.Contains("cannot install route", StringComparison.Ordinal));

        // A minute later the next one is said again, with the count of those suppressed.
        clock.NowMs += 60_000;
        runtime.Core.OnData(clock.NowMs, dn0, Addr.Parse("10.2.0.99"), Addr.Parse("239.8.8.8"));
        Assert.Contains(lines.All, l => l.Contains("cannot install route (10.2.0.99, 239.8.8.8)", StringComparison.Ordinal) && l.Contains("499 more", StringComparison.Ordinal));
    }
}
