using System;
using System.Text;
using McProxy.Runtime.Control;
using McProxy.Runtime.Status;
using Xunit;

namespace McProxy.Tests.Status;

/// <summary>The one-line requests and length-prefixed answers of the control socket.</summary>
public sealed class ControlProtocolTests
{
    [Theory]
    [InlineData("reload", "reload", "status", false, 0)]
    [InlineData("show", "show", "status", false, 0)]
    [InlineData("show routes", "show", "routes", false, 0)]
    [InlineData("show groups json 2", "show", "groups", true, 2)]
    [InlineData("  show interfaces text 9 ", "show", "interfaces", false, 2)]
    public void Parse_AcceptsTheRequestLines(string line, string verb, string section, bool json, int detail)
    {
        Assert.True(ControlRequest.TryParse(line, out ControlRequest r));
        Assert.Equal(verb, r.Verb == ControlVerb.Reload ? "reload" : "show");
        Assert.Equal(section, r.Section.Name());
        Assert.Equal(json, r.Json);
        Assert.Equal(detail, r.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("shoe")]
    [InlineData("show everything")]
    [InlineData("show routes xml")]
    [InlineData("show routes json -1")]
    [InlineData("reload now")]
    [InlineData("show routes json 1 extra")]
    public void Parse_RefusesOthers(string line)
    {
        Assert.False(ControlRequest.TryParse(line, out _));
    }

    [Fact]
    public void Format_RoundTrips()
    {
        ControlRequest r = ControlRequest.Show(StatusSection.Routes, true, 1);
        Assert.Equal("show routes json 1\n", r.Format());
        Assert.True(ControlRequest.TryParse(r.Format().TrimEnd('\n'), out ControlRequest back));
        Assert.Equal(r, back);
        Assert.Equal("reload\n", ControlRequest.Reload.Format());
    }

    [Fact]
    public void Reply_OkRoundTrips()
    {
        byte[] wire = ControlReply.Ok("héllo\n").Encode();
        Assert.StartsWith("OK 7\n", Encoding.UTF8.GetString(wire), StringComparison.Ordinal);
        Assert.True(ControlReply.TryDecode(wire, out ControlReply back, out _));
        Assert.True(back.IsOk);
        Assert.Equal("héllo\n", Encoding.UTF8.GetString(back.Body));
    }

    [Fact]
    public void Reply_ErrorCarriesExitCode()
    {
        byte[] wire = ControlReply.Error(78, "bad\n").Encode();
        Assert.Equal("ERROR 78 4\nbad\n", Encoding.ASCII.GetString(wire));
        Assert.True(ControlReply.TryDecode(wire, out ControlReply back, out _));
        Assert.Equal(78, back.ExitCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OK 10\nshort")]
    [InlineData("WHAT 1\nx")]
    [InlineData("OK\n")]
    public void Reply_CutOrMalformedIsDetected(string wire)
    {
        Assert.False(ControlReply.TryDecode(Encoding.ASCII.GetBytes(wire), out _, out string problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Paths_OverrideWinsElseExistingDefaults()
    {
        Assert.Equal(new[] { "/tmp/x.sock" }, ControlPaths.ForClient("/tmp/x.sock", _ => false));
        Assert.Equal(new[] { ControlPaths.V6 }, ControlPaths.ForClient(null, p => p == ControlPaths.V6));
        Assert.Empty(ControlPaths.ForClient(null, _ => false));
        Assert.Equal(ControlPaths.V4, ControlPaths.ForDaemon(IpFamily.V4, null));
        Assert.Equal(ControlPaths.V6, ControlPaths.ForDaemon(IpFamily.V6, null));
        Assert.Equal("/x", ControlPaths.ForDaemon(IpFamily.V6, "/x"));
    }
}
