using System.IO;
using McProxy.Platform.Linux;
using Xunit;

namespace McProxy.Tests.Platform;

// Needs the kernel's multicast routing: build.sh runs these in the test VM when the host lacks it.
[Trait("Kernel", "mroute")]
public sealed class KernelFeatureCheckTests
{
    [Fact]
    public void ReportsEveryFeatureAndTheJoinLimit()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var ns = NetNs.Create();
        var text = new StringWriter();
        bool ok = ns.Run(() => KernelFeatureCheck.Run(text));
        string report = text.ToString();
        Assert.True(ok, report);
        Assert.Contains(" - root privileges: Ok!", report);
        Assert.Contains(" - ipv4 multiple routing tables: Ok!", report);
        Assert.Contains(" - ipv4 multicast routing: Ok!", report);
        Assert.Contains(" - ipv6 multiple routing tables: Ok!", report);
        Assert.Contains(" - ipv6 multicast routing: Ok!", report);
        Assert.Contains("igmp_max_memberships = 20", report);
        Assert.Contains(" - ipv4 groups one socket can join: 20 (then ENOBUFS (105))", report);
    }

    [Fact]
    public void AnInUseDefaultTableIsStillReportedAsSupported()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var ns = NetNs.Create();
        string report = ns.Run(() =>
        {
            using MrouteSocket4 held = MrouteSocket4.Open(0);
            var text = new StringWriter();
            Assert.True(KernelFeatureCheck.Run(text));
            return text.ToString();
        });
        Assert.Contains(" - ipv4 multicast routing: Ok!", report);
    }
}
