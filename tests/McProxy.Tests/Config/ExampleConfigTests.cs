using System.Collections.Generic;
using System.IO;
using System.Linq;
using McProxy.Config;
using McProxy.Config.Model;
using Xunit;

namespace McProxy.Tests.Config;

public class ExampleConfigTests
{
    public static IEnumerable<object[]> AllFiles() =>
        Directory.GetFiles(ConfigTestHelpers.ConfigsDirectory()).OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>Setups spelled in more than one syntax: "name.legacy.conf", "name.conf", "name.toml".</summary>
    public static IEnumerable<object[]> Setups() =>
        Directory.GetFiles(ConfigTestHelpers.ConfigsDirectory())
            .GroupBy(f => Path.GetFileName(f).Split('.')[0])
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key)
            .Select(g => new object[] { g.Key });

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void EveryExampleLoadsAndRoundTrips(string file)
    {
        ProxyConfig config = ConfigLoader.Load(Path.Combine(ConfigTestHelpers.ConfigsDirectory(), file));
        Assert.NotEmpty(config.Instances);
        string canonical = CanonicalWriter.Write(config);
        ProxyConfig again = ConfigLoader.LoadText(canonical, "canonical.conf");
        Assert.Equal(config with { Defaults = again.Defaults, InterfaceOverrides = again.InterfaceOverrides, ProxySsdp = again.ProxySsdp }, again);
    }

    [Fact]
    public void ThereAreExamplesInEverySyntax()
    {
        string[] files = Directory.GetFiles(ConfigTestHelpers.ConfigsDirectory());
        Assert.Contains(files, f => f.EndsWith(".legacy.conf"));
        Assert.Contains(files, f => f.EndsWith(".toml"));
        Assert.True(files.Length >= 15);
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public void SpellingsOfOneSetupGiveEqualModels(string setup)
    {
        string dir = ConfigTestHelpers.ConfigsDirectory();
        string[] files = Directory.GetFiles(dir, setup + ".*").OrderBy(f => f).ToArray();
        Assert.True(files.Length >= 2);
        ProxyConfig first = ConfigLoader.Load(files[0]);
        foreach (string f in files.Skip(1))
        {
            Assert.Equal(first, ConfigLoader.Load(f));
        }
    }

    [Fact]
    public void SyntaxIsDetectedFromNameAndContent()
    {
        string dir = ConfigTestHelpers.ConfigsDirectory();
        foreach (string f in Directory.GetFiles(dir))
        {
            ConfigSyntax expected = f.EndsWith(".toml") ? ConfigSyntax.Toml : f.EndsWith(".legacy.conf") ? ConfigSyntax.Line : ConfigSyntax.Statement;
            Assert.Equal(expected, ConfigLoader.Detect(File.ReadAllText(f), "x.conf"));
        }
    }
}
