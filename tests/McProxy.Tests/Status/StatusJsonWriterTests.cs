using System.Linq;
using System.Text.Json;
using McProxy.Runtime.Status;
using Xunit;

namespace McProxy.Tests.Status;

/// <summary>The JSON shape documented in docs/status.md, read back with a real JSON parser.</summary>
public sealed class StatusJsonWriterTests
{
    private static JsonElement Parse(StatusSection section, bool counters = true) =>
        JsonDocument.Parse(StatusJsonWriter.Write(SampleStatus.Build(routeCounters: counters), section)).RootElement;

    [Fact]
    public void Status_HasHeaderAndEveryPart()
    {
        JsonElement root = Parse(StatusSection.Status);
        Assert.Equal("9.9.9", root.GetProperty("version").GetString());
        Assert.Equal("IGMPv3", root.GetProperty("protocol").GetString());
        Assert.Equal("/etc/mcproxy.conf", root.GetProperty("config").GetString());
        Assert.Equal(1234, root.GetProperty("pid").GetInt32());
        Assert.Equal(7000, root.GetProperty("uptime_ms").GetInt64());
        Assert.Equal("status", root.GetProperty("section").GetString());
        JsonElement i = root.GetProperty("instances")[0];
        Assert.Equal("myProxy", i.GetProperty("name").GetString());
        Assert.Equal("ipv4", i.GetProperty("family").GetString());
        foreach (string key in new[] { "interfaces", "upstreams", "groups", "routes", "drops" })
        {
            Assert.True(i.TryGetProperty(key, out _), key);
        }
    }

    [Fact]
    public void Interfaces_CarryVifIfindexRoleQuerierAndCounters()
    {
        JsonElement i = Parse(StatusSection.Interfaces).GetProperty("instances")[0];
        Assert.False(i.TryGetProperty("groups", out _));
        Assert.False(i.TryGetProperty("routes", out _));
        JsonElement[] ifs = i.GetProperty("interfaces").EnumerateArray().ToArray();
        Assert.Equal(new[] { "dn0", "dn1", "up0" }, ifs.Select(f => f.GetProperty("name").GetString()).ToArray());
        Assert.Equal(new[] { 0, 1, 2 }, ifs.Select(f => f.GetProperty("vif").GetInt32()).ToArray());
        Assert.Equal(42, ifs[0].GetProperty("ifindex").GetInt32());
        Assert.False(ifs[1].GetProperty("attached").GetBoolean());
        Assert.Equal("upstream", ifs[2].GetProperty("role").GetString());
        Assert.Equal(1, ifs[2].GetProperty("priority").GetInt32());
        JsonElement q = ifs[0].GetProperty("querier");
        Assert.True(q.GetProperty("is_querier").GetBoolean());
        Assert.Equal("10.2.0.1", q.GetProperty("own_address").GetString());
        Assert.Equal(JsonValueKind.Null, q.GetProperty("other_querier").ValueKind);
        JsonElement c = ifs[0].GetProperty("counters");
        Assert.Equal(3, c.GetProperty("reports").GetInt64());
        Assert.Equal(35, c.GetProperty("limits_hit").GetInt64());
        Assert.Equal(11, c.GetProperty("host_share_hits").GetInt64());
        Assert.Equal(12, c.GetProperty("forged_leaves").GetInt64());
        Assert.Equal(13, c.GetProperty("older_queries").GetInt64());
        Assert.Equal(14, c.GetProperty("foreign_queries").GetInt64());
        Assert.Equal(15, c.GetProperty("own_reports").GetInt64());
        Assert.Equal(0, i.GetProperty("drops").GetProperty("bad-destination").GetInt64());
        Assert.Equal(0, i.GetProperty("drops").GetProperty("bad-checksum").GetInt64());
    }

    [Fact]
    public void Groups_AreFlatWithInterfaceModeSourcesAndHosts()
    {
        JsonElement i = Parse(StatusSection.Groups).GetProperty("instances")[0];
        Assert.False(i.TryGetProperty("interfaces", out _));
        JsonElement g = Assert.Single(i.GetProperty("groups").EnumerateArray());
        Assert.Equal("dn0", g.GetProperty("interface").GetString());
        Assert.Equal("239.1.2.3", g.GetProperty("group").GetString());
        Assert.Equal("exclude", g.GetProperty("mode").GetString());
        Assert.Equal(255_000, g.GetProperty("filter_timer_ms").GetInt64());
        Assert.Equal(2, g.GetProperty("sources").GetArrayLength());
        Assert.Equal("10.9.9.9", g.GetProperty("forwarded").GetProperty("sources")[0].GetString());
        Assert.Equal("10.2.0.2", g.GetProperty("hosts")[0].GetString());
    }

    [Fact]
    public void Routes_CarryTheEvictionCount()
    {
        JsonElement none = Parse(StatusSection.Routes).GetProperty("instances")[0];
        Assert.Equal(0, none.GetProperty("routes_evicted").GetInt64());
        JsonElement some = JsonDocument.Parse(StatusJsonWriter.Write(SampleStatus.Build(routesEvicted: 7), StatusSection.Status))
            .RootElement.GetProperty("instances")[0];
        Assert.Equal(7, some.GetProperty("routes_evicted").GetInt64());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Routes_HaveInputOutputsAndCountersOrNull(bool counters)
    {
        JsonElement r = Parse(StatusSection.Routes, counters).GetProperty("instances")[0].GetProperty("routes")[0];
        Assert.Equal("10.1.0.2", r.GetProperty("source").GetString());
        Assert.Equal("up0", r.GetProperty("input").GetString());
        Assert.Equal(2, r.GetProperty("input_vif").GetInt32());
        Assert.Equal("dn0", r.GetProperty("outputs")[0].GetProperty("name").GetString());
        if (counters)
        {
            Assert.Equal(40UL, r.GetProperty("packets").GetUInt64());
            Assert.Equal(1510UL, r.GetProperty("bytes").GetUInt64());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("packets").ValueKind);
        }
    }
}
