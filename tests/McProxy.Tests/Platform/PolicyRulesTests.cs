using McProxy.Interop;
using McProxy.Platform.Linux;
using McProxy.Protocol;
using Xunit;

namespace McProxy.Tests.Platform;

// Needs the kernel's multicast routing: build.sh runs these in the test VM when the host lacks it.
[Trait("Kernel", "mroute")]
public sealed class PolicyRulesTests
{
    [Fact]
    public void AddsIpmrAndIp6mrRulesAndRemovesThemOnDispose()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        PolicyRules rules = topo.R.Run(() => PolicyRules.Open());
        Assert.Equal(Errno.OK, rules.Add(IpFamily.V4, input: true, "r0", 5));
        Assert.Equal(Errno.OK, rules.Add(IpFamily.V4, input: false, "r1", 5));
        Assert.Equal(Errno.OK, rules.Add(IpFamily.V6, input: true, "r0", 7));
        Assert.Equal(Errno.OK, rules.Add(IpFamily.V4, input: true, "r0", 5)); // EEXIST counts as added
        string v4 = NetNs.Sh("ip", $"-n {topo.R.Name} mrule show");
        string v6 = NetNs.Sh("ip", $"-n {topo.R.Name} -6 mrule show");
        Assert.Contains("iif r0 lookup 5", v4);
        Assert.Contains("oif r1 lookup 5", v4);
        Assert.Contains("iif r0 lookup 7", v6);
        rules.Dispose();
        Assert.DoesNotContain("lookup 5", NetNs.Sh("ip", $"-n {topo.R.Name} mrule show"));
        Assert.DoesNotContain("lookup 7", NetNs.Sh("ip", $"-n {topo.R.Name} -6 mrule show"));
    }
}
