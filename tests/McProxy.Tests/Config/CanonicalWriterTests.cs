using McProxy.Config;
using McProxy.Config.Model;
using Xunit;
using static McProxy.Tests.Config.ConfigTestHelpers;

namespace McProxy.Tests.Config;

public class CanonicalWriterTests
{
    [Fact]
    public void WritesCanonicalForm()
    {
        ProxyConfig c = Load("protocol igmpv3; table t { (239.1.0.0-239.1.255.255|*) }; pinstance b: \"br-lan\" ==> eth1; pinstance a(5): x ==> y; pinstance a upstream x in whitelist table t; pinstance a upstream * out rulematching first;");
        string expected = """
            protocol IGMPv3;

            table t {
                (239.1.0.0/16 | *)
            };

            pinstance a(5): x ==> y;
            pinstance a upstream x in whitelist table t;
            pinstance a upstream * out rulematching first;

            pinstance b: "br-lan" ==> eth1;

            """;
        Assert.Equal(expected.Replace("\r\n", "\n"), CanonicalWriter.Write(c));
    }

    [Theory]
    [InlineData("protocol IGMPv3; pinstance p: u ==> d; pinstance p downstream d out blacklist table { (239.1.1.1 - 239.1.1.7 | 10.0.0.1) \"eth0.2\"(* | 10.0.0.0/8) };")]
    [InlineData("protocol MLDv2; pinstance p: u ==> d; pinstance p downstream d in whitelist table named { (ff05::1 | :: - 2001:db8::5) (ff00::/8 | 2001:db8::/32) };")]
    [InlineData("protocol IGMPv2; pinstance \"in\": \"table\" ==> d; pinstance \"in\" upstream * in rulematching mutex 250; disable;")]
    [InlineData("protocol IGMPv3; table a { (239.0.0.0/8 | 0.0.0.0/8) }; table b { (table a) (224.0.0.0/4|*) }; pinstance p: u ==> d; pinstance p upstream u out whitelist table b;")]
    public void RoundTripsEqualModels(string text)
    {
        ProxyConfig c = Load(text);
        string written = CanonicalWriter.Write(c);
        Assert.Equal(c, Load(written, "again.conf"));
        Assert.Equal(written, CanonicalWriter.Write(Load(written, "again.conf")));
    }

    [Fact]
    public void TomlOnlySettingsBecomeComments()
    {
        const string toml = """
            protocol = "IGMPv3"
            proxy_ssdp = true
            [settings]
            query_interval = "60s"
            [[instance]]
            name = "p"
            upstreams = ["u"]
            downstreams = ["d"]
            [interface.d]
            fast_leave = true
            """;
        ProxyConfig c = Load(toml, "x.toml");
        string written = CanonicalWriter.Write(c);
        Assert.Contains("# proxy_ssdp = true", written);
        Assert.Contains("# [settings] query_interval = \"60s\", startup_query_interval = \"15s\"", written);
        Assert.Contains("# [interface.\"d\"] fast_leave = true", written);
        ProxyConfig back = Load(written);
        Assert.Equal(c with { Defaults = InterfaceSettings.Default, InterfaceOverrides = EquatableArray<InterfaceOverride>.Empty, ProxySsdp = false }, back);
    }

    [Theory]
    [InlineData("239.1.1.1", "239.1.1.1", "239.1.1.1")]
    [InlineData("239.1.0.0", "239.1.255.255", "239.1.0.0/16")]
    [InlineData("239.1.0.1", "239.1.0.2", "239.1.0.1 - 239.1.0.2")]
    [InlineData("0.0.0.0", "0.0.0.0", "0.0.0.0/32")]
    [InlineData("0.0.0.0", "255.255.255.255", "*")]
    public void RangeFormats(string low, string high, string expected)
    {
        var sb = new System.Text.StringBuilder();
        CanonicalWriter.AppendRange(sb, new AddrRange(Addr.Parse(low), Addr.Parse(high)), IpFamily.V4);
        Assert.Equal(expected, sb.ToString());
    }
}
