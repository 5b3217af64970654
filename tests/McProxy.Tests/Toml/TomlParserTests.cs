using System;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using McProxy.Config.Toml;
using Xunit;

namespace McProxy.Tests.Toml;

public class TomlParserTests
{
    private static TomlException Fails(string text) => Assert.Throws<TomlException>(() => TomlParser.Parse(text));

    private static TomlValue Value(TomlTable table, string key)
    {
        Assert.True(table.TryGet(key, out TomlNode node), $"missing key {key}");
        return Assert.IsType<TomlValue>(node);
    }

    private static TomlTable Table(TomlTable table, string key)
    {
        Assert.True(table.TryGet(key, out TomlNode node), $"missing key {key}");
        return Assert.IsType<TomlTable>(node);
    }

    [Theory]
    [InlineData("a = 1\nb = @", 2, 5)]
    [InlineData("a = 1\r\nb = @", 2, 5)]
    [InlineData("a = 1\n\n\n  [t]\n  x = 1 y", 5, 9)]
    [InlineData("\ta\t=\t\"unterminated", 1, 6)]
    [InlineData("a = \"\"\"\nline\n", 1, 5)]
    [InlineData("a = \"bad \\q escape\"", 1, 10)]
    [InlineData("a = 1979-02-30", 1, 5)]
    [InlineData("a = 0x", 1, 5)]
    [InlineData("\uFEFF@", 1, 1)]
    [InlineData("a = [1,\n  2,\n  ,]", 3, 3)]
    [InlineData("a = \"x\u0001\"", 1, 7)]
    [InlineData("# fine\n# bad \u007F", 2, 7)]
    [InlineData("a = 1\rb = 2", 1, 6)]
    public void ErrorsArePlacedAtTheOffendingCharacter(string text, int line, int column)
    {
        TomlException e = Fails(text);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a = 1\na = 2", 2, 1)]
    [InlineData("a = 1\n\"a\" = 2", 2, 1)]
    [InlineData("a = 1\n'a' = 2", 2, 1)]
    [InlineData("x.y = 1\nx . y = 2", 2, 5)]
    [InlineData("t = { a = 1, a = 2 }", 1, 14)]
    [InlineData("[t]\nk = 1\nk = 2", 3, 1)]
    [InlineData("[[t]]\nk = 1\nk = 2", 3, 1)]
    public void DuplicateKeysAreRejectedAtTheSecondKey(string text, int line, int column)
    {
        TomlException e = Fails(text);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("[a]\n[a]")]
    [InlineData("[a]\nb = 1\n[a.b]")]
    [InlineData("[a.b]\n[a]\n[a]")]
    [InlineData("[a]\nb.c = 1\n[a.b]")]
    [InlineData("a.b = 1\n[a]")]
    [InlineData("[a.b.c]\n[a]\nb.d = 1")]
    [InlineData("[a.b]\nc = 1\n[a]\nb.d = 1")]
    [InlineData("a = []\n[[a]]")]
    [InlineData("a = [{}]\n[a.b]")]
    [InlineData("[[a]]\n[a]")]
    [InlineData("[a]\n[[a]]")]
    [InlineData("a = {}\n[a]")]
    [InlineData("a = {b = {}}\n[a.b.c]")]
    [InlineData("a = {}\na.b = 1")]
    [InlineData("a = {b.c = 1}\na.b.d = 1")]
    [InlineData("a = {b = {c = 1}, b.d = 2}")]
    [InlineData("[[a]]\n[a.b]\n[a]")]
    [InlineData("a = 1\n[a.b]")]
    [InlineData("[a]\nb = 1\n[a.b.c]")]
    public void TablesCannotBeRedefinedOrExtendedIllegally(string text)
    {
        Fails(text);
    }

    [Theory]
    [InlineData("[a.b.c]\n[a]\nx = 1")]
    [InlineData("[a.b.c]\n[a.b]\nx = 1")]
    [InlineData("[a]\nb.c = 1\nb.d = 2\n[a.b.e]\nf = 1")]
    [InlineData("a.b.c = 1\na.b.d = 2\n[a.x]")]
    [InlineData("[[a]]\nb.c = 1\n[[a]]\nb.c = 2")]
    [InlineData("[[a]]\n[a.b]\n[[a]]\n[a.b]")]
    [InlineData("[[a.b]]\n[[a.b]]\n[a.c]")]
    [InlineData("t = {a.b = 1, a.c = 2}")]
    [InlineData("[x]\n[y]\n[x.z]")]
    public void LegalTableShapesAreAccepted(string text)
    {
        TomlParser.Parse(text);
    }

    [Fact]
    public void ArrayOfTablesAppendsAndSubTablesGoToTheLastElement()
    {
        TomlTable root = TomlParser.Parse("[[a]]\nx = 1\n[a.sub]\ny = 2\n[[a]]\nx = 3\n[a.sub]\ny = 4");
        Assert.True(root.TryGet("a", out TomlNode node));
        TomlArray array = Assert.IsType<TomlArray>(node);
        Assert.True(array.IsArrayOfTables);
        Assert.Equal(2, array.Items.Count);
        TomlTable second = Assert.IsType<TomlTable>(array.Items[1]);
        Assert.Equal(3, Value(second, "x").Integer);
        Assert.Equal(4, Value(Table(second, "sub"), "y").Integer);
        Assert.Equal(new TomlPosition(5, 1), second.Position);
    }

    [Fact]
    public void EntriesKeepDocumentOrderAndPositions()
    {
        TomlTable root = TomlParser.Parse("zeta = 1\nalpha = 'x'\n  mid = [1, 2]\n[t]");
        Assert.Equal(new[] { "zeta", "alpha", "mid", "t" }, root.Entries.ConvertAll(e => e.Key));
        Assert.Equal(new TomlPosition(2, 9), Value(root, "alpha").Position);
        Assert.True(root.TryGet("mid", out TomlNode mid));
        Assert.Equal(new TomlPosition(3, 9), mid.Position);
        Assert.Equal(new TomlPosition(4, 1), Table(root, "t").Position);
        Assert.False(Table(root, "t").IsInline);
    }

    [Theory]
    [InlineData("1979-05-27T07:32:00Z", "OffsetDateTime", "1979-05-27T07:32:00Z")]
    [InlineData("1979-05-27 07:32:00z", "OffsetDateTime", "1979-05-27T07:32:00Z")]
    [InlineData("1979-05-27t00:32:00.999999-07:00", "OffsetDateTime", "1979-05-27T00:32:00.999999-07:00")]
    [InlineData("1979-05-27 07:32:00", "LocalDateTime", "1979-05-27T07:32:00")]
    [InlineData("2024-02-29", "LocalDate", "2024-02-29")]
    [InlineData("2000-02-29", "LocalDate", "2000-02-29")]
    [InlineData("23:59:60.5", "LocalTime", "23:59:60.500")]
    [InlineData("07:32:00.1234", "LocalTime", "07:32:00.1234")]
    public void DateTimesAreNormalised(string literal, string kind, string text)
    {
        TomlValue v = Value(TomlParser.Parse($"d = {literal} # comment"), "d");
        Assert.Equal(Enum.Parse<TomlKind>(kind), v.Kind);
        Assert.Equal(text, v.Text);
    }

    [Theory]
    [InlineData("1900-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("2023-04-31")]
    [InlineData("2023-13-01")]
    [InlineData("24:00:00")]
    [InlineData("1979-05-27T07:32")]
    [InlineData("1979-05-27T07:32:00+24:00")]
    [InlineData("1979-05-27 ")]
    public void BadDateTimesAreRejected(string literal)
    {
        if (literal.EndsWith(' '))
        {
            // A date followed by a space and no time is a date; trailing junk then fails.
            Fails($"d = {literal}x");
            return;
        }

        Fails($"d = {literal}");
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("+1_000", 1000)]
    [InlineData("-0", 0)]
    [InlineData("0xDEAD_beef", 0xDEADBEEF)]
    [InlineData("0o755", 493)]
    [InlineData("0b1101", 13)]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    public void IntegersParse(string literal, long expected)
    {
        TomlValue v = Value(TomlParser.Parse($"n = {literal}"), "n");
        Assert.Equal(TomlKind.Integer, v.Kind);
        Assert.Equal(expected, v.Integer);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("0x8000000000000000")]
    [InlineData("99999999999999999999999")]
    [InlineData("012")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("-0x1")]
    [InlineData("0b2")]
    public void BadIntegersAreRejected(string literal)
    {
        Fails($"n = {literal}");
    }

    [Theory]
    [InlineData("3.14", 3.14)]
    [InlineData("-0.0", -0.0)]
    [InlineData("1e1_0", 1e10)]
    [InlineData("6.626e-34", 6.626e-34)]
    [InlineData("5E+22", 5e22)]
    [InlineData("1e05", 1e5)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    public void FloatsParse(string literal, double expected)
    {
        TomlValue v = Value(TomlParser.Parse($"f = {literal}"), "f");
        Assert.Equal(TomlKind.Float, v.Kind);
        Assert.Equal(expected, v.Float);
        Assert.Equal(double.IsNegative(expected), double.IsNegative(v.Float));
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("-nan")]
    public void NanParses(string literal)
    {
        Assert.True(double.IsNaN(Value(TomlParser.Parse($"f = {literal}"), "f").Float));
    }

    [Theory]
    [InlineData("\"tab\\there\"", "tab\there")]
    [InlineData("\"\\u00e9\\U0001F600\"", "\u00e9\U0001F600")]
    [InlineData("'C:\\path'", "C:\\path")]
    [InlineData("\"\"\"\nfirst\r\nsecond\"\"\"", "first\nsecond")]
    [InlineData("\"\"\"a \\\n    b\"\"\"", "a b")]
    [InlineData("\"\"\"x\"\"\"\"\"", "x\"\"")]
    [InlineData("'''it's'''''", "it's''")]
    [InlineData("\"\U0001F600\"", "\U0001F600")]
    public void StringsDecode(string literal, string expected)
    {
        Assert.Equal(expected, Value(TomlParser.Parse($"s = {literal}"), "s").Text);
    }

    [Theory]
    [InlineData("s = \"\\uD800\"")]
    [InlineData("s = \"\\U00110000\"")]
    [InlineData("s = \"\\x41\"")]
    [InlineData("s = \"\\e\"")]
    [InlineData("s = \"\"\"x\"\"\"\"\"\"")]
    [InlineData("s = \"\"\"a \\  b\"\"\"")]
    public void BadStringsAreRejected(string text)
    {
        Fails(text);
    }

    [Fact]
    public void LoneSurrogatesAreRejected()
    {
        // Built in code: xunit's theory serialisation would replace lone surrogates with U+FFFD.
        char high = (char)0xD800;
        char low = (char)0xDC00;
        Assert.Equal((1, 6), Pos(Fails("s = \"" + high + "\"")));
        Assert.Equal((1, 6), Pos(Fails("s = '" + low + "'")));
        Assert.Equal((1, 3), Pos(Fails("# " + high + " comment")));
        Assert.Equal((1, 9), Pos(Fails("s = '''x" + low + high + "'''")));
        Assert.Equal("\U0001F600", Value(TomlParser.Parse("s = '\U0001F600'"), "s").Text);
    }

    private static (int Line, int Column) Pos(TomlException e) => (e.Line, e.Column);

    [Fact]
    public void Utf8DecodingErrorsAreTomlExceptionsWithAPosition()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("a = 1\nb = \"xy\"\n");
        bytes[11] = 0xC3; // 'x' becomes a truncated two-byte sequence
        TomlException e = Assert.Throws<TomlException>(() => TomlParser.ParseUtf8(bytes));
        Assert.Equal((2, 6), (e.Line, e.Column));

        Assert.Throws<TomlException>(() => TomlParser.ParseUtf8(new byte[] { 0x61, 0x3D, 0x22, 0xED, 0xA0, 0x80, 0x22 }));
        Assert.Equal(1, Value(TomlParser.ParseUtf8(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0x3D, 0x31 }), "a").Integer);
    }

    [Theory]
    [InlineData(100_000, '[')]
    [InlineData(100_000, '{')]
    public void DeepNestingIsAnErrorNotAStackOverflow(int depth, char open)
    {
        string text = "a = " + (open == '[' ? new string('[', depth) : new StringBuilder().Insert(0, "{b=", depth).ToString());
        Assert.Contains("nested", Fails(text).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ModerateNestingIsFine()
    {
        string text = "a = " + new string('[', 100) + new string(']', 100);
        TomlParser.Parse(text);
    }

    [Fact]
    public void RealisticMcProxyDocument()
    {
        const string text = """
            # McProxy configuration
            protocol = "IGMPv3"   # or MLDv2
            disable = false

            [defaults]
            robustness = 2
            query-interval = 125_000
            last-member-query-interval = 1.0

            [tables.allowed]
            rules = [
                { interface = "*", group = "239.0.0.0/8", source = "*" },
                { interface = "eth1", group = "232.1.1.1", source = "10.0.0.0/24" },  # SSM
            ]

            [[instance]]
            name = "main"
            upstreams = ["eth0", "ppp0"]
            downstreams = ['eth1', 'eth2']
            table = 10

            [[instance.filter]]
            interface = "eth1"
            direction = "in"
            type = "whitelist"
            table = "allowed"

            [[instance]]
            name = "guests"
            upstreams = ["eth0"]
            downstreams = ["wlan0"]
            interfaces.wlan0.robustness = 3
            """;
        TomlTable root = TomlParser.Parse(text);
        Assert.Equal("IGMPv3", Value(root, "protocol").Text);
        Assert.False(Value(root, "disable").Boolean);
        Assert.Equal(125_000, Value(Table(root, "defaults"), "query-interval").Integer);

        Assert.True(Table(Table(root, "tables"), "allowed").TryGet("rules", out TomlNode rulesNode));
        TomlArray rules = Assert.IsType<TomlArray>(rulesNode);
        Assert.Equal(2, rules.Items.Count);
        TomlTable rule = Assert.IsType<TomlTable>(rules.Items[1]);
        Assert.True(rule.IsInline);
        Assert.Equal("10.0.0.0/24", Value(rule, "source").Text);
        Assert.Equal(new TomlPosition(13, 5), rule.Position);

        Assert.True(root.TryGet("instance", out TomlNode instancesNode));
        TomlArray instances = Assert.IsType<TomlArray>(instancesNode);
        TomlTable main = Assert.IsType<TomlTable>(instances.Items[0]);
        Assert.True(main.TryGet("filter", out TomlNode filters));
        Assert.Equal("allowed", Value(Assert.IsType<TomlTable>(Assert.IsType<TomlArray>(filters).Items[0]), "table").Text);
        TomlTable guests = Assert.IsType<TomlTable>(instances.Items[1]);
        Assert.Equal(3, Value(Table(Table(guests, "interfaces"), "wlan0"), "robustness").Integer);
    }

    [Fact]
    public void SuiteComparerDetectsDifferences()
    {
        TomlTable root = TomlParser.Parse("a = 1\nb = 1.5\nd = 1987-07-05T17:45:56.6Z\n[t]\ns = 'x'");
        string good = """{"a":{"type":"integer","value":"1"},"b":{"type":"float","value":"1.5"},"d":{"type":"datetime","value":"1987-07-05T17:45:56.600Z"},"t":{"s":{"type":"string","value":"x"}}}""";
        using (JsonDocument doc = JsonDocument.Parse(good))
        {
            Assert.Null(TomlJsonComparer.Compare(root, doc.RootElement, "$"));
        }

        string[] bad =
        {
            good.Replace("\"1\"", "\"2\"", StringComparison.Ordinal),
            good.Replace("1.5", "1.25", StringComparison.Ordinal),
            good.Replace("\"integer\"", "\"float\"", StringComparison.Ordinal),
            good.Replace("56.600Z", "56.060Z", StringComparison.Ordinal),
            good.Replace("\"x\"", "\"y\"", StringComparison.Ordinal),
            good.Replace(",\"t\":{\"s\":{\"type\":\"string\",\"value\":\"x\"}}", string.Empty, StringComparison.Ordinal),
            good.Replace("\"t\":{", "\"t\":{\"extra\":{\"type\":\"bool\",\"value\":\"true\"},", StringComparison.Ordinal),
        };
        foreach (string json in bad)
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            Assert.NotNull(TomlJsonComparer.Compare(root, doc.RootElement, "$"));
        }
    }
}
