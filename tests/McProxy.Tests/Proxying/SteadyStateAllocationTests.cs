using System;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Protocol.Proxying;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>Membership changes and data upcalls on existing state allocate nothing.</summary>
public class SteadyStateAllocationTests
{
    private const int Groups = 200;

    [Theory]
    [InlineData(RuleMatchingCase.First)]
    [InlineData(RuleMatchingCase.All)]
    [InlineData(RuleMatchingCase.Mutex)]
    public void Thousands_of_cycles_allocate_nothing(RuleMatchingCase matching)
    {
        RuleMatching m = matching switch
        {
            RuleMatchingCase.First => RuleMatching.First,
            RuleMatchingCase.All => RuleMatching.All,
            _ => RuleMatching.Mutex,
        };
        InstanceConfig config = Instance(new[] { "up1", "up2" }, new[] { "d1", "d2" },
            new[]
            {
                Filter(InterfaceRole.Upstream, "up1", FilterDirection.In, FilterKind.Blacklist, Rule("239.9.0.0/16", "*")),
                Filter(InterfaceRole.Downstream, "d2", FilterDirection.Out, FilterKind.Whitelist, Rule("*", "10.0.0.0/8")),
            },
            new[] { InMatching(m, 2000) });
        var upstream = new CountingUpstream();
        var routes = new CountingRoutes();
        var proxy = new ProxyInstance(config, false, upstream, routes);
        for (int id = 0; id < proxy.InterfaceCount; id++)
        {
            proxy.OnInterfaceUp(id);
        }

        var d1 = new FakeView();
        var d2 = new FakeView();
        proxy.AttachDownstream(0, d1);
        proxy.AttachDownstream(1, d2);
        Addr s1 = A("10.0.0.1");
        Addr s2 = A("10.0.0.2");
        Addr[] one = { s1 };
        Addr[] two = { s2, s1 };
        var groups = new Addr[Groups];
        for (int i = 0; i < Groups; i++)
        {
            groups[i] = Addr.FromV4(0xEF01_0000u + (uint)i);
            d2.Set(groups[i], FilterMode.Exclude, one);
        }

        void Cycle(int n)
        {
            for (int k = 0; k < n; k++)
            {
                Addr g = groups[k % Groups];
                d1.Set(g, FilterMode.Include, (k & 1) == 0 ? one : two);
                proxy.OnMembershipChanged(0, g);
                proxy.OnDataArrived(k, (k & 2) == 0 ? s1 : s2, g, 3);
                proxy.OnDataArrived(k, s1, g, 0);
                proxy.OnTimer(k);
                _ = proxy.NextDeadline;
            }
        }

        // Warm up over the same times as the measurement, so that every path (mutex timeouts
        // included) has run once: lazy process-wide state (EqualityComparer<T>.Default and the
        // like) is then created here whatever other tests ran first.
        Cycle(10_000);
        int callsBefore = upstream.Calls + routes.Calls;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(upstream.Calls + routes.Calls > callsBefore, "the cycles must do real work");
        Assert.True(allocated < 1024, $"allocated {allocated} bytes in steady state");
    }

    public enum RuleMatchingCase
    {
        First,
        All,
        Mutex,
    }

    private sealed class CountingUpstream : IUpstreamPort
    {
        public int Calls { get; private set; }

        public bool SetMembership(int interfaceId, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
        {
            Calls++;
            return true;
        }
    }

    private sealed class CountingRoutes : IRoutePort
    {
        public int Calls { get; private set; }

        public void SetRoute(Addr source, Addr group, int inputId, uint outputMask) => Calls++;

        public void RemoveRoute(Addr source, Addr group, int inputId) => Calls++;

        public bool TryGetCounters(Addr source, Addr group, out ulong packets, out ulong wrongInterface)
        {
            packets = (ulong)Calls;
            wrongInterface = 0;
            return true;
        }
    }
}
