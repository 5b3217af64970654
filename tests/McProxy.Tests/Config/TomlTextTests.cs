using System;
using System.Collections.Generic;
using System.Text;
using McProxy.Config;
using McProxy.Config.TomlConfig;
using Xunit;

namespace McProxy.Tests.Config;

/// <summary>
/// The TOML layer on Tomlyn: the tree McProxy reads (places of keys, values and items, TOML
/// 1.1 table rules) and hostile input (deep nesting, huge numbers, long lines, invalid UTF-8):
/// always a diagnostic with a place, never an exception or a stack overflow.
/// </summary>
public class TomlTextTests
{
    private static TomlTable Parse(string text)
    {
        var bag = new DiagnosticBag("t.toml");
        TomlTable? root = TomlText.Parse(text, bag);
        Assert.True(root is not null, string.Join("\n", bag.Items));
        Assert.Equal(0, bag.Count);
        return root!;
    }

    private static ConfigDiagnostic Fails(string text)
    {
        var bag = new DiagnosticBag("t.toml");
        Assert.Null(TomlText.Parse(text, bag));
        return Assert.Single(bag.Items);
    }

    private static TomlNode Get(TomlTable table, params string[] path)
    {
        TomlNode node = table;
        foreach (string key in path)
        {
            Assert.True(((TomlTable)node).TryGet(key, out node), $"no key {key}");
        }

        return node;
    }

    [Fact]
    public void KeysValuesAndItemsKeepTheirPlaces()
    {
        TomlTable root = Parse("a = 1\n[t]\n  s = \"x\"\n  list = [ \"p\",\n    'q' ]\n  inline = { k = true }\n");
        Assert.Equal(new TomlPosition(1, 5), Get(root, "a").Position);
        Assert.Equal(new TomlPosition(2, 1), Get(root, "t").Position);
        Assert.Equal(new TomlPosition(3, 7), Get(root, "t", "s").Position);
        var list = (TomlArray)Get(root, "t", "list");
        Assert.Equal(new TomlPosition(4, 10), list.Position);
        Assert.Equal(new TomlPosition(4, 12), list.Items[0].Position);
        Assert.Equal(new TomlPosition(5, 5), list.Items[1].Position);
        Assert.Equal("q", ((TomlValue)list.Items[1]).Text);
        Assert.Equal(new TomlPosition(6, 18), Get(root, "t", "inline", "k").Position);
    }

    [Fact]
    public void HeadersDottedKeysAndArraysOfTablesNestAsTomlSays()
    {
        TomlTable root = Parse("""
            x.y.z = 1
            [[instance]]
            name = "a"
            [instance.settings]
            robustness = 2
            [[instance]]
            name = "b"
            [a.b.c]
            d = 1
            [a.b]
            e = 2
            """);
        Assert.Equal(1, ((TomlValue)Get(root, "x", "y", "z")).Integer);
        var instances = (TomlArray)Get(root, "instance");
        Assert.True(instances.IsArrayOfTables);
        Assert.Equal(2, instances.Items.Count);
        Assert.Equal(2, ((TomlValue)Get((TomlTable)instances.Items[0], "settings", "robustness")).Integer);
        Assert.False(((TomlTable)instances.Items[1]).TryGet("settings", out _));
        Assert.Equal(2, ((TomlValue)Get(root, "a", "b", "e")).Integer);
        Assert.Equal(1, ((TomlValue)Get(root, "a", "b", "c", "d")).Integer);
        Assert.Equal(new[] { "x", "instance", "a" }, Keys(root));
    }

    [Fact]
    public void Toml11AdditionsAreRead()
    {
        // Newlines and a trailing comma in inline tables, \e and \xHH escapes, times without seconds.
        TomlTable root = Parse("t = {\n  a = \"\\e\\x41\",\n  b = 1,\n}\nwhen = 07:32\n");
        Assert.Equal("\u001bA", ((TomlValue)Get(root, "t", "a")).Text);
        Assert.Equal(TomlKind.LocalTime, Get(root, "when").Kind);
    }

    [Theory]
    [InlineData("a = 1\na = 2\n", 2, 1)]
    [InlineData("[t]\nx = 1\n[t]\n", 3, 1)]
    [InlineData("a = [1,\n", 2, 1)]
    [InlineData("a = \"open\n", 1, 10)]
    [InlineData("protocol = IGMPv3\n", 1, 12)]
    [InlineData("a = 1 b = 2\n", 1, 7)]
    public void TheFirstSyntaxErrorIsReportedWithItsPlace(string text, int line, int column)
    {
        ConfigDiagnostic d = Fails(text);
        Assert.Equal((line, column), (d.Line, d.Column));
    }

    [Theory]
    [InlineData("a = \"x\\", 1, 8)]
    [InlineData("a = \"\"\"x\\", 1, 10)]
    [InlineData("a = \"\\u12", 1, 10)]
    public void AnEscapeCutOffByTheEndOfTheFileIsAnErrorNotACrash(string text, int line, int column)
    {
        // Tomlyn 2.11.1 alone throws ArgumentOutOfRangeException on the first of these.
        ConfigDiagnostic d = Fails(text);
        Assert.False(d.Message.StartsWith(TomlText.TomlParserFailure.Prefix, StringComparison.Ordinal), d.Message);
        Assert.Equal((line, column), (d.Line, d.Column));
    }

    [Theory]
    [InlineData("a = 99999999999999999999999\n", 1, 5)]
    [InlineData("a = 9223372036854775808\n", 1, 5)]
    [InlineData("a = -9223372036854775809\n", 1, 5)]
    [InlineData("a = 0x1_0000_0000_0000_0000\n", 1, 5)]
    public void HugeIntegersAreErrorsWithAPlace(string text, int line, int column)
    {
        ConfigDiagnostic d = Fails(text);
        Assert.Equal((line, column), (d.Line, d.Column));
    }

    [Fact]
    public void TheLargestIntegersAndHugeFloatsAreValues()
    {
        TomlTable root = Parse("a = 9223372036854775807\nb = -9223372036854775808\nc = 1e400\n");
        Assert.Equal(long.MaxValue, ((TomlValue)Get(root, "a")).Integer);
        Assert.Equal(long.MinValue, ((TomlValue)Get(root, "b")).Integer);
        Assert.True(double.IsPositiveInfinity(((TomlValue)Get(root, "c")).Float));
    }

    [Theory]
    [InlineData('[')]
    [InlineData('{')]
    public void DeepNestingIsAnErrorAtTheLevelThatIsTooDeepNotAStackOverflow(char open)
    {
        const int depth = 100_000;
        string nest = open == '[' ? new string('[', depth) : new StringBuilder().Insert(0, "{b=", depth).ToString();
        ConfigDiagnostic d = Fails("ok = 1\na = " + nest);
        Assert.Contains("nest too deeply", d.Message, StringComparison.Ordinal);
        int step = open == '[' ? 1 : 3;
        Assert.Equal(2, d.Line);
        Assert.InRange(d.Column, 5 + (step * 60), 5 + (step * 66));
    }

    [Fact]
    public void NestingWithinTheLimitIsFine()
    {
        Parse("a = " + new string('[', 60) + new string(']', 60));
    }

    [Fact]
    public void LongDottedKeysAndHeadersDoNotRecurse()
    {
        string key = string.Join('.', Repeat("k", 50_000));
        TomlTable root = Parse(key + " = 1\n[" + key + "x]\n");
        Assert.True(root.TryGet("k", out _));
    }

    [Fact]
    public void LongLinesAreFine()
    {
        string big = new('x', 2_000_000);
        Assert.Equal(big, ((TomlValue)Get(Parse("s = \"" + big + "\"\n"), "s")).Text);
        ConfigDiagnostic d = Fails("s = \"" + big + "\n");
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void InvalidUtf8IsReportedWhereItIs()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("protocol = \"IGMPv3\"\nuser = \"xy\"\n");
        bytes[28] = 0xC3; // 'x' becomes a truncated two-byte sequence
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadBytes(bytes, "bad.toml"));
        ConfigDiagnostic d = Assert.Single(e.Diagnostics);
        Assert.Equal((2, 9), (d.Line, d.Column));
        Assert.Contains("invalid UTF-8", d.Message, StringComparison.Ordinal);

        // An encoded surrogate, an overlong form, a lone continuation byte.
        Assert.NotNull(TomlText.FindInvalidUtf8(new byte[] { 0x61, 0x3D, 0x22, 0xED, 0xA0, 0x80, 0x22 }));
        Assert.NotNull(TomlText.FindInvalidUtf8(new byte[] { 0xC0, 0xAF }));
        Assert.NotNull(TomlText.FindInvalidUtf8(new byte[] { 0x80 }));
        Assert.Null(TomlText.FindInvalidUtf8(Encoding.UTF8.GetBytes("s = '\U0001F600'")));
    }

    [Fact]
    public void AByteOrderMarkIsSkippedOnceOnly()
    {
        byte[] bom = { 0xEF, 0xBB, 0xBF };
        byte[] text = Encoding.UTF8.GetBytes("protocol = \"IGMPv3\"\n[[instance]]\nname = \"a\"\ndownstreams = [\"d\"]\n");
        Assert.Single(ConfigLoader.LoadBytes([.. bom, .. text], "a.toml").Instances);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadBytes([.. bom, .. bom, .. text], "a.toml"));
        Assert.Contains("byte order mark", Assert.Single(e.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OlderSyntaxesStayLenientAboutLatin1Comments()
    {
        byte[] text = Encoding.Latin1.GetBytes("# M\u00fcnchen\nprotocol IGMPv3;\npinstance a: u ==> d;\n");
        Assert.Single(ConfigLoader.LoadBytes(text, "mcproxy.conf").Instances);
    }

    [Fact]
    public void EveryTomlExampleOfTheDocsIsValidToml()
    {
        string docs = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ConfigTestHelpers.ConfigsDirectory())!, "docs", "configuration.md");
        string[] blocks = System.Text.RegularExpressions.Regex.Split(System.IO.File.ReadAllText(docs), "```");
        int checkedBlocks = 0;
        for (int i = 1; i < blocks.Length; i += 2)
        {
            if (blocks[i].StartsWith("toml\n", StringComparison.Ordinal))
            {
                Parse(blocks[i]["toml\n".Length..]);
                checkedBlocks++;
            }
        }

        Assert.True(checkedBlocks >= 2, $"{checkedBlocks} TOML examples found in {docs}");
    }

    private static string[] Repeat(string s, int n)
    {
        var parts = new string[n];
        Array.Fill(parts, s);
        return parts;
    }

    private static List<string> Keys(TomlTable t)
    {
        var keys = new List<string>();
        foreach (KeyValuePair<string, TomlNode> kv in t.Entries)
        {
            keys.Add(kv.Key);
        }

        return keys;
    }
}
