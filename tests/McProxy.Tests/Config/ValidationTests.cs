using System.Linq;
using Xunit;
using static McProxy.Tests.Config.ConfigTestHelpers;

namespace McProxy.Tests.Config;

public class ValidationTests
{
    [Fact]
    public void UnknownTable()
    {
        var e = Errors("protocol IGMPv3;\npinstance p: u ==> d;\npinstance p upstream u in whitelist table nope;\n");
        AssertError(e, 3, 43, "unknown table 'nope'");
    }

    [Fact]
    public void UnknownInstance()
    {
        var e = Errors("pinstance p: u ==> d;\npinstance q upstream * in whitelist table {};\n");
        AssertError(e, 2, 11, "unknown instance 'q'");
    }

    [Fact]
    public void BindingInterfaceMustBelongToTheInstance()
    {
        var e = Errors("pinstance p: u ==> d;\npinstance p upstream d in whitelist table {};\n");
        AssertError(e, 2, 22, "'d' is not an upstream of instance 'p'", "u");
    }

    [Fact]
    public void TableNumberTheKernelRefuses()
    {
        var e = Errors("protocol IGMPv3;\npinstance p(100000000): u ==> d;\n");
        AssertError(e, 2, 13, "table number 100000000 is too large", "99999999");
        Assert.Equal(99_999_999, Load("protocol IGMPv3;\npinstance p(99999999): u ==> d;\n").Instances[0].TableNumber);
    }

    [Fact]
    public void DuplicateNames()
    {
        var e = Errors("pinstance p: u ==> d;\npinstance p: u2 ==> d2;\ntable t {};\ntable t {};\n");
        AssertError(e, 2, 11, "duplicate instance 'p'", "1:11");
        AssertError(e, 4, 7, "duplicate table 't'", "3:7");
    }

    [Fact]
    public void InterfaceInTwoInstances()
    {
        var e = Errors("pinstance a: u ==> d;\npinstance b: v ==> d;\n");
        AssertError(e, 2, 20, "'d' is already used by instance 'a' at 1:20");
    }

    [Fact]
    public void ClashingTableNumbersNameBothInstances()
    {
        // a(1) -> 1, b -> 2, c(2) -> 2.
        var e = Errors("pinstance a(1): u1 ==> d1;\npinstance b: u2 ==> d2;\npinstance c(2): u3 ==> d3;\n");
        AssertError(e, 3, 11, "'b' and 'c'", "table 2");
    }

    [Theory]
    [InlineData("protocol IGMPv3; table t { (239.0.0.0/33 | *) };", 1, 29, "/33", "/0 to /32")]
    [InlineData("protocol MLDv2; table t { (ff05::/129 | *) };", 1, 28, "/129", "/0 to /128")]
    [InlineData("protocol IGMPv3; table t { (ff05::1 | *) };", 1, 29, "IPv6 address ff05::1 in an IGMP configuration")]
    [InlineData("protocol MLDv2; table t { (239.1.1.1 | *) };", 1, 28, "IPv4 address 239.1.1.1 in an MLD configuration")]
    [InlineData("protocol IGMPv3; table t { (10.1.1.1 | *) };", 1, 29, "group 10.1.1.1 is not multicast")]
    [InlineData("protocol IGMPv3; table t { (224.0.0.0/3 | *) };", 1, 29, "224.0.0.0/3 is not multicast")]
    [InlineData("protocol IGMPv3; table t { (239.0.0.9 - 239.0.0.1 | *) };", 1, 29, "reversed")]
    [InlineData("protocol IGMPv3; table t { (239.1.1 | *) };", 1, 29, "invalid IP address '239.1.1'")]
    public void AddressErrors(string text, int line, int column, params string[] fragments)
    {
        AssertError(Errors(text + " pinstance p: u ==> d;"), line, column, fragments);
    }

    [Fact]
    public void UnbalancedBraces()
    {
        var e = Errors("table t { (*|*)\n;\npinstance p: u ==> d;\n}\n");
        AssertError(e, 2, 1, "expected '}' to close the '{' at 1:9");
        AssertError(e, 4, 1, "unexpected '}'");
    }

    [Fact]
    public void UnterminatedQuote()
    {
        var e = Errors("pinstance p: \"eth0 ==> d;\npinstance q: u ==> d2;\n");
        AssertError(e, 1, 14, "unterminated quoted string");
    }

    [Fact]
    public void EmptyDownstreamList()
    {
        AssertError(Errors("pinstance p: u ==> ;"), 1, 16, "no downstream");
    }

    [Fact]
    public void SeveralErrorsAtOnce()
    {
        var e = Errors("protocol IGMPv4;\npinstance p eth0 ==> eth1;\npinstance q: a ==> b;\npinstance q upstream x in whitelist table t;\n");
        Assert.True(e.Count >= 4, string.Join("\n", e));
        AssertError(e, 1, 10, "expected IGMPv1");
        AssertError(e, 2, 13, "expected ':'");
        AssertError(e, 4, 22, "'x' is not an upstream");
        AssertError(e, 4, 43, "unknown table 't'");
        Assert.Equal(e.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList(), e.ToList());
    }

    [Theory]
    [InlineData("pinstance p: a,b ==> c;", 1, 15, "unsupported character ','")]
    [InlineData("pinstance p: u ==> d\npinstance q: v ==> e;", 2, 1, "expected ';' at the end of the previous line")]
    [InlineData("foo;", 1, 1, "expected 'protocol', 'pinstance', 'table' or 'disable'")]
    [InlineData("pinstance p: u ==> d; pinstance p upstream u in rulematching mutex x;", 1, 68, "mutex time")]
    [InlineData("pinstance p: u ==> d; pinstance p upstream u out whitelist table {}; pinstance p upstream u out blacklist table {};", 1, 91, "second 'out' filter")]
    [InlineData("pinstance p: u ==> d d;", 1, 22, "listed twice")]
    [InlineData("table a { (table b) }; table b { (table a) }; pinstance p: u ==> d;", 1, 41, "includes itself")]
    [InlineData("pinstance p: averyveryverylongname ==> d;", 1, 14, "1 to 15 characters")]
    public void MoreErrors(string text, int line, int column, string fragment)
    {
        AssertError(Errors(text), line, column, fragment);
    }

    [Fact]
    public void LegacyLineInStatementFileIsReported()
    {
        var e = Errors("protocol IGMPv2;\neth0 ==> eth1;\n");
        AssertError(e, 2, 1, "unexpected 'eth0'");
    }

    [Fact]
    public void DiagnosticPrintsFileLineColumn()
    {
        var e = Errors("pinstance p: u ==> ;", "/etc/mcproxy.conf");
        Assert.StartsWith("/etc/mcproxy.conf:1:16: ", e[0].ToString());
    }
}
