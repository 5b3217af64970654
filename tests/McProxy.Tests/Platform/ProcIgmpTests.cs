using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using Xunit;

namespace McProxy.Tests.Platform;

public class ProcIgmpTests
{
    // Captured from /proc/net/igmp on a kernel 6.18 router namespace.
    private const string Sample =
        "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n" +
        "1\tlo        :     1      V3\n" +
        "\t\t\t\t010000E0     1 0:00000000\t\t0\n" +
        "7\tup0       :     3      V2\n" +
        "\t\t\t\t030201EF     1 0:00000000\t\t1\n" +
        "\t\t\t\t010000E0     1 0:00000000\t\t0\n" +
        "9\teth0.2    :     1      V1\n";

    [Theory]
    [InlineData("lo", "IGMPv3")]
    [InlineData("up0", "IGMPv2")]
    [InlineData("eth0.2", "IGMPv1")]
    public void ReadsTheHostVersionOfADevice(string device, string expected)
    {
        Assert.Equal(expected, ProcIgmp.Parse(Sample, device));
    }

    [Theory]
    [InlineData("up")]
    [InlineData("dn0")]
    [InlineData("")]
    public void UnknownDeviceGivesNull(string device)
    {
        Assert.Null(ProcIgmp.Parse(Sample, device));
    }

    [Fact]
    public void GarbageGivesNull()
    {
        Assert.Null(ProcIgmp.Parse("nonsense\n:::\n\t\n", "up0"));
    }
}
