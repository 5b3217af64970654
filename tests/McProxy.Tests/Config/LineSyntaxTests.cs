using McProxy.Config;
using McProxy.Config.Model;
using Xunit;
using static McProxy.Tests.Config.ConfigTestHelpers;

namespace McProxy.Tests.Config;

public class LineSyntaxTests
{
    [Theory]
    [InlineData("protocol IGMPv2\neth0 ==> eth1\n", "IGMPv2")]
    [InlineData("protocol MLDv1\neth0 ==> eth1\n", "MLDv1")]
    [InlineData("protocol MLDv1\neth0 ==> eth1", "MLDv1")]
    public void IssueExamplesLoad(string text, string protocol)
    {
        ProtocolVersion expected = System.Enum.Parse<ProtocolVersion>(protocol);
        ProxyConfig c = Load(text);
        Assert.Equal(expected, c.Protocol);
        InstanceConfig i = Assert.Single(c.Instances);
        Assert.Equal(new[] { "eth0" }, i.Upstreams);
        Assert.Equal(new[] { "eth1" }, i.Downstreams);
        Assert.Equal(new[] { 0 }, TableNumbers.Assign(c));
    }

    [Fact]
    public void TwoLinesAreTwoInstancesWithOwnTables()
    {
        ProxyConfig c = Load("protocol IGMPv1   # c\neth0 ==> eth1 tun0\neth2 ==> eth3\n");
        Assert.Equal(ProtocolVersion.IGMPv1, c.Protocol);
        Assert.Equal(2, c.Instances.Count);
        Assert.Equal("eth0", c.Instances[0].Name);
        Assert.Equal(new[] { "eth1", "tun0" }, c.Instances[0].Downstreams);
        Assert.Equal("eth2", c.Instances[1].Name);
        Assert.Equal(new[] { 1, 2 }, TableNumbers.Assign(c));
    }

    [Fact]
    public void MissingProtocolLineMeansIgmpv2()
    {
        Assert.Equal(ProtocolVersion.IGMPv2, Load("eth0 ==> eth1\n").Protocol);
    }

    [Fact]
    public void DetectedWithoutSemicolons()
    {
        Assert.Equal(ConfigSyntax.Line, ConfigLoader.Detect("# x\nprotocol IGMPv2\neth0 ==> eth1 # y; z\n", "a.conf"));
        Assert.Equal(ConfigSyntax.Statement, ConfigLoader.Detect("protocol IGMPv2;\npinstance a: eth0 ==> eth1;\n", "a.conf"));
        Assert.Equal(ConfigSyntax.Statement, ConfigLoader.Detect("pinstance a: eth0 ==> eth1", "a.conf"));
    }

    [Fact]
    public void InterfaceUsedTwiceIsAnError()
    {
        var errors = Errors("protocol IGMPv2\neth0 ==> eth1\neth2 ==> eth1\n");
        AssertError(errors, 3, 10, "eth1", "already used", "eth0");
    }

    [Fact]
    public void ArrowWithoutDownstreamIsAnError()
    {
        AssertError(Errors("protocol IGMPv2\neth0 ==>\n"), 2, 6, "no downstream");
    }

    [Fact]
    public void ExtraWordAfterProtocolIsAnError()
    {
        AssertError(Errors("protocol IGMPv2 IGMPv3\neth0 ==> eth1\n"), 1, 17, "too many arguments");
    }

    [Fact]
    public void NamesWithDashesAndDotsWork()
    {
        ProxyConfig c = Load("protocol MLDv2\neth0.2 ==> br-lan\n");
        Assert.Equal("eth0.2", c.Instances[0].Name);
        Assert.Equal(new[] { "br-lan" }, c.Instances[0].Downstreams);
    }
}
