using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Config.TomlConfig;
using Xunit;
using static McProxy.Tests.Config.ConfigTestHelpers;

namespace McProxy.Tests.Config;

public class TomlConfigTests
{
    private const string Base = """
        protocol = "IGMPv3"

        [[instance]]
        name = "p"
        upstreams = ["u"]
        downstreams = ["d", "e"]

        """;

    [Fact]
    public void ReadsAHandBuiltTree()
    {
        var root = new TomlTable(new TomlPosition(1, 1), false);
        root.TryAdd("protocol", new TomlValue(TomlKind.String, new TomlPosition(1, 12), "MLDv2"));
        var instances = new TomlArray(new TomlPosition(2, 1), true);
        var inst = new TomlTable(new TomlPosition(2, 1), false);
        inst.TryAdd("name", new TomlValue(TomlKind.String, new TomlPosition(3, 8), "v6"));
        var ups = new TomlArray(new TomlPosition(4, 13), false);
        ups.Items.Add(new TomlValue(TomlKind.String, new TomlPosition(4, 14), "eth0.2"));
        var downs = new TomlArray(new TomlPosition(5, 15), false);
        inst.TryAdd("upstreams", ups);
        inst.TryAdd("downstreams", downs);
        instances.Items.Add(inst);
        root.TryAdd("instance", instances);
        var bag = new DiagnosticBag("tree.toml");
        var e = Assert.Throws<ConfigException>(() => ConfigValidator.Validate(TomlConfigReader.Read(root, bag), bag));
        AssertError(e.Diagnostics, 5, 15, "instance 'v6' has no downstream");
    }

    [Fact]
    public void SettingsLayerGlobalInstanceInterface()
    {
        const string text = Base + """
            [settings]
            robustness = 3
            query_interval = 60
            [instance.settings]
            query_response_interval = "2.5s"
            [interface.e]
            last_member_query_interval = "200ms"
            fast_leave = true
            query_version = "IGMPv2"
            max_groups = 10
            """;
        ProxyConfig c = Load(text, "x.toml");
        Assert.Equal(3, c.Defaults.Robustness);
        Assert.Equal(60_000, c.Defaults.QueryIntervalMs);
        Assert.Equal(15_000, c.Defaults.StartupQueryIntervalMs);
        Assert.Equal(3, c.Defaults.StartupQueryCount);
        Assert.Equal(3, c.Defaults.LastMemberQueryCount);
        InterfaceSettings d = c.SettingsFor("d");
        Assert.Equal(2_500, d.QueryResponseIntervalMs);
        Assert.Equal(c.Defaults with { QueryResponseIntervalMs = 2_500 }, d);
        InterfaceSettings e = c.SettingsFor("e");
        Assert.Equal(d with { LastMemberQueryIntervalMs = 200, FastLeave = true, QueryVersion = ProtocolVersion.IGMPv2, MaxGroups = 10 }, e);
        Assert.Equal(c.Defaults with { QueryResponseIntervalMs = 2_500 }, c.SettingsFor("u"));
    }

    [Fact]
    public void DefaultsAreTheRfcValues()
    {
        ProxyConfig c = Load(Base, "x.toml");
        Assert.Equal(InterfaceSettings.Default, c.Defaults);
        Assert.Empty(c.InterfaceOverrides);
        Assert.False(c.ProxySsdp);
    }

    [Theory]
    [InlineData("bogus = 1\n", 7, 9, "unknown key 'bogus' in [[instance]] #1")]
    [InlineData("[settings]\nrobustnes = 2\n", 8, 13, "unknown key 'robustnes' in [settings]", "robustness")]
    [InlineData("[settings]\nrobustness = 0\n", 8, 14, "robustness 0 is out of range", "1 to 7")]
    [InlineData("[settings]\nrobustness = 8\n", 8, 14, "robustness 8 is out of range")]
    [InlineData("[settings]\nquery_interval = \"10s\"\nquery_response_interval = \"10s\"\n", 9, 27, "QRI < QI")]
    [InlineData("[settings]\nquery_interval = \"1x\"\n", 8, 18, "not a duration")]
    [InlineData("[settings]\nquery_interval = \"0.0005s\"\n", 8, 18, "whole milliseconds")]
    [InlineData("[settings]\nquery_version = \"MLDv2\"\n", 8, 17, "does not fit protocol IGMPv3")]
    [InlineData("[settings]\nlast_member_query_interval = \"3175s\"\n", 8, 30, "out of range")]
    [InlineData("[settings]\nquery_version = \"IGMPv2\"\nlast_member_query_interval = \"30s\"\n", 9, 30, "last_member_query_interval 30000 ms is out of range for query_version IGMPv2", "25500 ms")]
    [InlineData("[settings]\nquery_response_interval = \"30s\"\n[interface.e]\nquery_version = \"IGMPv2\"\n", 10, 17, "query_response_interval 30000 ms is out of range for query_version IGMPv2")]
    [InlineData("[instance.settings]\nquery_version = \"IGMPv1\"\n[interface.d]\nquery_response_interval = \"26s\"\n", 10, 27, "query_response_interval 26000 ms is out of range for query_version IGMPv1")]
    [InlineData("[interface.x]\nfast_leave = true\n", 7, 1, "'x', which no instance uses")]
    [InlineData("[instance.settings]\nmax_groups = \"many\"\n", 8, 14, "expected an integer")]
    [InlineData("[[instance.filter]]\nrole = \"up\"\ndirection = \"in\"\nkind = \"whitelist\"\ntable = \"t\"\n", 8, 8, "expected \"upstream\" or \"downstream\"")]
    [InlineData("[[instance.filter]]\nrole = \"upstream\"\ndirection = \"in\"\nkind = \"whitelist\"\n", 7, 1, "exactly one of 'table'")]
    [InlineData("[table.t]\nrules = [{ group = \"10.0.0.1\" }]\n", 8, 20, "group 10.0.0.1 is not multicast")]
    [InlineData("[table.t]\nrules = [{ group = \"239.0.0.0/40\" }]\n", 8, 20, "prefix /40")]
    [InlineData("[table.t]\nrules = [{ group = \"ff05::1\" }]\n", 8, 20, "IPv6 address ff05::1 in an IGMP configuration")]
    [InlineData("[table.t]\nrules = [{ group = \"239.1\" }]\n", 8, 20, "group \"239.1\"")]
    [InlineData("[table.t]\nrules = [{ grupo = \"*\" }]\n", 8, 20, "unknown key 'grupo'")]
    [InlineData("[instance.rulematching]\nin = \"mutex\"\n", 8, 6, "needs 'in_mutex_time'")]
    public void ReportsMistakesWithTheirPlace(string extra, int line, int column, params string[] fragments)
    {
        AssertError(Errors(Base + extra, "x.toml"), line, column, fragments);
    }

    [Fact]
    public void SsmRangesAtEveryLevel()
    {
        ProxyConfig c = Load(Base + "[settings]\nssm_ranges = [\"232.0.0.0/16\", \"239.5.0.0 - 239.5.0.9\"]\n[interface.e]\nssm_ranges = []\n", "x.toml");
        Assert.Equal(
            new[] { new AddrRange(Addr.Parse("232.0.0.0"), Addr.Parse("232.0.255.255")), new AddrRange(Addr.Parse("239.5.0.0"), Addr.Parse("239.5.0.9")) },
            c.Defaults.SsmRanges!.Value.AsSpan().ToArray());
        Assert.Empty(c.SettingsFor("e").SsmRanges!.Value);
        Assert.Null(Load(Base, "x.toml").Defaults.SsmRanges);
        string text = CanonicalWriter.Write(c);
        Assert.Contains("# [settings] ssm_ranges = [\"232.0.0.0/16\", \"239.5.0.0 - 239.5.0.9\"]", text);
        Assert.Contains("# [interface.\"e\"] ssm_ranges = []", text);
    }

    [Fact]
    public void LocalListeners()
    {
        ProxyConfig c = Load(Base + "[interface.e]\nlocal_listeners = true\n", "x.toml");
        Assert.False(c.Defaults.LocalListeners);
        Assert.True(c.SettingsFor("e").LocalListeners);
        Assert.Contains("# [interface.\"e\"] local_listeners = true", CanonicalWriter.Write(c));
    }

    [Fact]
    public void ForwardOnlyAsQuerier()
    {
        ProxyConfig c = Load(Base + "[interface.e]\nforward_only_as_querier = true\n", "x.toml");
        Assert.False(c.Defaults.ForwardOnlyAsQuerier);
        Assert.True(c.SettingsFor("e").ForwardOnlyAsQuerier);
        Assert.Contains("# [interface.\"e\"] forward_only_as_querier = true", CanonicalWriter.Write(c));
    }

    [Fact]
    public void HostShare()
    {
        ProxyConfig c = Load(Base + "[settings]\nmax_groups = 100\n[interface.e]\nhost_share = 10\n", "x.toml");
        Assert.Equal(25, c.Defaults.HostSharePercent);
        Assert.Equal(25, c.Defaults.MaxGroupsPerHost);
        Assert.Equal(64, c.Defaults.MaxSourcesPerHost);
        Assert.Equal(10, c.SettingsFor("e").MaxGroupsPerHost);
        Assert.Contains("# [interface.\"e\"] host_share = 10", CanonicalWriter.Write(c));
        AssertError(Errors(Base + "[settings]\nhost_share = 0\n", "x.toml"), 8, 14, "host_share 0 % is out of range", "1 % to 100 %");
        AssertError(Errors(Base + "[settings]\nhost_share = 101\n", "x.toml"), 8, 14, "host_share 101 %");
    }

    [Theory]
    [InlineData("[settings]\nssm_ranges = [\"10.0.0.0/8\"]\n", 8, 15, "group 10.0.0.0/8 is not multicast")]
    [InlineData("[settings]\nssm_ranges = [\"ff3e::/32\"]\n", 8, 15, "IPv6 address ff3e:: in an IGMP configuration")]
    [InlineData("[settings]\nssm_ranges = [\"232.0.0.0/x\"]\n", 8, 15, "ssm_ranges \"232.0.0.0/x\"")]
    [InlineData("[settings]\nssm_ranges = \"232.0.0.0/8\"\n", 8, 14, "ssm_ranges")]
    public void SsmRangeMistakes(string extra, int line, int column, string fragment)
    {
        AssertError(Errors(Base + extra, "x.toml"), line, column, fragment);
    }

    [Fact]
    public void MaxRespWithinTheQueryVersionInEffectIsAccepted()
    {
        ProxyConfig c = Load(Base + "[settings]\nquery_response_interval = \"30s\"\n[interface.e]\nquery_version = \"IGMPv3\"\n", "x.toml");
        Assert.Equal(30_000, c.SettingsFor("e").QueryResponseIntervalMs);
        Load("protocol = \"MLDv2\"\n[[instance]]\nname = \"p\"\nupstreams = [\"u\"]\ndownstreams = [\"d\"]\n[settings]\nquery_version = \"MLDv1\"\nquery_response_interval = \"60s\"\n", "x.toml");
        var e = Errors("protocol = \"MLDv2\"\n[[instance]]\nname = \"p\"\nupstreams = [\"u\"]\ndownstreams = [\"d\"]\n[settings]\nquery_version = \"MLDv1\"\nquery_response_interval = \"70s\"\n", "x.toml");
        AssertError(e, 8, 27, "out of range for query_version MLDv1", "65535 ms");
        Assert.Single(e);
    }

    [Fact]
    public void SyntaxErrorsOfTheTomlReaderArePlaced()
    {
        var e = Errors("protocol = \"IGMPv3\"\n[[instance]\n", "x.toml");
        Assert.Equal(2, e[0].Line);
        Assert.True(e[0].Column > 0);
    }

    [Fact]
    public void MissingProtocolAndName()
    {
        var e = Errors("[[instance]]\nupstreams = []\ndownstreams = [\"d\"]\n", "x.toml");
        Assert.Contains(e, d => d.Message.Contains("missing key 'protocol'"));
        Assert.Contains(e, d => d.Message.Contains("missing key 'name'"));
    }

    [Fact]
    public void DetectedByContentWithoutExtension()
    {
        Assert.Equal(ConfigSyntax.Toml, ConfigLoader.Detect("# x\nprotocol = \"IGMPv3\"\n", "mcproxy.conf"));
        Assert.Equal(ConfigSyntax.Toml, ConfigLoader.Detect("[[instance]]\n", "mcproxy.conf"));
        Assert.Equal(ProtocolVersion.IGMPv3, Load(Base, "mcproxy.conf").Protocol);
    }

    [Fact]
    public void RulesAndFiltersMapToTheModel()
    {
        const string text = Base + """
            [[instance.filter]]
            role = "downstream"
            interface = "*"
            direction = "out"
            kind = "blacklist"
            rules = [{ interface = "u", group = "239.0.0.0 - 239.0.0.9", source = "10.0.0.0/8" }, { table = "t" }]
            [table.t]
            rules = [{ group = "232.0.0.0/8" }]
            """;
        ProxyConfig c = Load(text, "x.toml");
        FilterBinding f = Assert.Single(c.Instances[0].Filters);
        Assert.Null(f.Interface);
        Assert.Equal(2, f.Table.Rules.Count);
        Assert.Equal(new Rule("u", new AddrRange(Addr.Parse("239.0.0.0"), Addr.Parse("239.0.0.9")), new AddrRange(Addr.Parse("10.0.0.0"), Addr.Parse("10.255.255.255"))), f.Table.Rules[0]);
        Assert.Equal(Addr.Parse("232.0.0.0"), f.Table.Rules[1].Group.Low);
    }
}
