using System.IO;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
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

    [Theory]
    [InlineData("6.1.0-18-amd64", " - kernel version: 6.1.0-18-amd64 Ok!")]
    [InlineData("5.1.0", " - kernel version: 5.1.0 Ok!")]
    [InlineData("5.10.176", " - kernel version: 5.10.176 Ok!")]
    [InlineData("4.19.97-v7+", " - kernel version: 4.19.97-v7+ Warning: older than 5.1;")]
    [InlineData("5.0.21", " - kernel version: 5.0.21 Warning: older than 5.1; it reports a new source-specific (INCLUDE) upstream join as TO_IN instead of ALLOW")]
    [InlineData("3.18", " - kernel version: 3.18 Warning")]
    [InlineData("weird", " - kernel version: unknown ('weird')")]
    [InlineData("6", " - kernel version: unknown ('6')")]
    [InlineData(null, " - kernel version: unknown (cannot read /proc/sys/kernel/osrelease)")]
    public void KernelVersionLineWarnsBefore5_1(string? release, string expected)
    {
        Assert.StartsWith(expected, KernelFeatureCheck.KernelLine(release));
    }

    [Fact]
    public void TheReportStartsWithTheRunningKernel()
    {
        var text = new StringWriter();
        KernelFeatureCheck.Run(text);
        string release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        Assert.Contains($" - kernel version: {release}", text.ToString());
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
