using McProxy.Protocol.Proxying;
using Xunit;
using static McProxy.Tests.Proxying.ProxyTestHelpers;

namespace McProxy.Tests.Proxying;

/// <summary>
/// Issue 13 item 7: an upstream subscription the kernel refused is not recorded as done; it is
/// sent again with exponential backoff until it succeeds or is no longer wanted.
/// </summary>
public class SubscriptionRetryTests
{
    private const string G = "239.1.2.3";

    private static ProxyRig OneUpstream() => new(Instance(new[] { "wan" }, new[] { "lan1", "lan2" }));

    // Drives the proxy's timer the way the runtime does: whenever its deadline is due.
    private static void RunUntil(ProxyRig rig, ref long now, long until)
    {
        while (true)
        {
            long next = rig.Proxy.NextDeadline;
            if (next > until)
            {
                now = until;
                return;
            }

            now = System.Math.Max(now, next);
            rig.Proxy.OnTimer(now);
        }
    }

    [Fact]
    public void A_refused_join_is_retried_until_it_succeeds()
    {
        ProxyRig rig = OneUpstream();
        int wan = rig.Id("wan");
        long now = 0;
        rig.Up.Refuse = true;
        rig.Join("lan1", G, "EX");
        Assert.Equal(1, rig.Up.CountFor(wan, A(G)));
        Assert.Equal(1, rig.Proxy.PendingRetries);

        // Nothing before the first retry (1 s), then one attempt per backoff step: 1, 2, 4 s.
        RunUntil(rig, ref now, 999);
        Assert.Equal(1, rig.Up.CountFor(wan, A(G)));
        RunUntil(rig, ref now, 1000);
        Assert.Equal(2, rig.Up.CountFor(wan, A(G)));
        RunUntil(rig, ref now, 3000);
        Assert.Equal(3, rig.Up.CountFor(wan, A(G)));
        RunUntil(rig, ref now, 6999);
        Assert.Equal(3, rig.Up.CountFor(wan, A(G)));

        rig.Up.Refuse = false;
        RunUntil(rig, ref now, 7000);
        Assert.Equal(4, rig.Up.CountFor(wan, A(G)));
        Assert.Equal("EX{}", rig.Sub("wan", G));
        Assert.Equal(0, rig.Proxy.PendingRetries);
        Assert.Equal(long.MaxValue, rig.Proxy.NextDeadline);

        // Done: an unchanged membership is not sent again.
        rig.Join("lan1", G, "EX");
        RunUntil(rig, ref now, 200_000);
        Assert.Equal(4, rig.Up.CountFor(wan, A(G)));
    }

    [Fact]
    public void The_backoff_is_capped()
    {
        ProxyRig rig = OneUpstream();
        int wan = rig.Id("wan");
        long now = 0;
        rig.Up.Refuse = true;
        rig.Join("lan1", G, "EX");
        // 1+2+4+8+16+32 = 63 s for six retries, then one a minute.
        RunUntil(rig, ref now, 63_000);
        Assert.Equal(7, rig.Up.CountFor(wan, A(G)));
        RunUntil(rig, ref now, 63_000 + ProxyInstance.RetryMaxMs - 1);
        Assert.Equal(7, rig.Up.CountFor(wan, A(G)));
        RunUntil(rig, ref now, 63_000 + ProxyInstance.RetryMaxMs);
        Assert.Equal(8, rig.Up.CountFor(wan, A(G)));
        RunUntil(rig, ref now, 63_000 + (3 * ProxyInstance.RetryMaxMs));
        Assert.Equal(10, rig.Up.CountFor(wan, A(G)));
    }

    [Fact]
    public void A_retry_sends_what_is_wanted_now_and_a_refused_leave_is_retried_too()
    {
        ProxyRig rig = OneUpstream();
        int wan = rig.Id("wan");
        long now = 0;
        rig.Join("lan1", G, "EX");
        rig.Up.Refuse = true;
        rig.Leave("lan1", G);
        Assert.Equal("IN{}", rig.Sub("wan", G));
        Assert.Equal(1, rig.Proxy.PendingRetries);

        // The same state again before the retry: still sent at the retry, not taken as done.
        rig.Up.Refuse = false;
        rig.Leave("lan1", G);
        RunUntil(rig, ref now, 1000);
        Assert.Equal(3, rig.Up.CountFor(wan, A(G)));
        Assert.Equal("IN{}", rig.Sub("wan", G));
        Assert.Equal(0, rig.Proxy.PendingRetries);
    }

    [Fact]
    public void A_failure_on_an_upstream_that_is_gone_is_not_retried()
    {
        ProxyRig rig = OneUpstream();
        int wan = rig.Id("wan");
        long now = 0;
        rig.Join("lan1", G, "EX");
        rig.Up.Refuse = true;
        rig.Proxy.OnInterfaceDown(wan);
        Assert.Equal("IN{}", rig.Sub("wan", G));
        Assert.Equal(0, rig.Proxy.PendingRetries);
        RunUntil(rig, ref now, 10_000);
        Assert.Equal(2, rig.Up.CountFor(wan, A(G)));
    }
}
