using System.IO;
using McProxy.Config;
using McProxy.Config.Model;
using Xunit;
using static McProxy.Tests.Config.ConfigTestHelpers;

namespace McProxy.Tests.Config;

public class ConfigLoaderTests
{
    [Fact]
    public void MissingFileIsAConfigException()
    {
        string path = Path.Combine(Path.GetTempPath(), "mcproxy-no-such-file-" + System.Guid.NewGuid() + ".conf");
        ConfigException e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
        ConfigDiagnostic d = Assert.Single(e.Diagnostics);
        Assert.Equal($"{path}: cannot read configuration file: no such file", d.ToString());
    }

    [Fact]
    public void DirectoryIsNotReadable()
    {
        ConfigException e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Path.GetTempPath()));
        Assert.Contains("cannot read configuration file", e.Diagnostics[0].Message);
    }

    [Fact]
    public void ByteOrderMarkIsSkipped()
    {
        Assert.Single(Load("\uFEFFprotocol IGMPv3; pinstance p: u ==> d;").Instances);
    }

    [Fact]
    public void EmptyFileHasNoInstances()
    {
        ProxyConfig c = Load(string.Empty);
        Assert.Empty(c.Instances);
        Assert.Equal(ProtocolVersion.IGMPv3, c.Protocol);
    }
}
