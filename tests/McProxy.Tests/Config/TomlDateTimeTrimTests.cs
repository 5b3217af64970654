using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;
using McProxy.Config;
using Xunit;

namespace McProxy.Tests.Config;

/// <summary>
/// Guards src/Config/TomlConfig/TomlDateTimes.Substitutions.xml, which stubs date-time parsing
/// out of the AOT binary: the stubbed methods must exist with those signatures (else ILC
/// ignores the entry and the binary silently grows by ~190 KB), and McProxy's own code must
/// not rely on the stubbed DateTime.TryParse overload.
/// </summary>
public class TomlDateTimeTrimTests
{
    [Theory]
    [InlineData("TryParseOffsetDateTime")]
    [InlineData("TryParseLocalDateTime")]
    [InlineData("TryParseLocalDate")]
    [InlineData("TryParseLocalTime")]
    public void TheStubbedTomlynMethodsExist(string name)
    {
        Type? helper = typeof(Tomlyn.TomlDateTime).Assembly.GetType("Tomlyn.Helpers.DateTimeRFC3339");
        Assert.NotNull(helper);
        MethodInfo? method = helper!.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, new[] { typeof(string), typeof(Tomlyn.TomlDateTime).MakeByRefType() });
        Assert.True(method is not null && method.ReturnType == typeof(bool), $"Tomlyn.Helpers.DateTimeRFC3339.{name}(string, out TomlDateTime) is gone: update the substitution file");
        Assert.Contains(name, File.ReadAllText(SubstitutionFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void TheStubbedDateTimeOverloadExistsAndMcProxyDoesNotCallIt()
    {
        Assert.NotNull(typeof(DateTime).GetMethod(nameof(DateTime.TryParse), new[] { typeof(string), typeof(IFormatProvider), typeof(DateTimeStyles), typeof(DateTime).MakeByRefType() }));
        string src = Path.Combine(Path.GetDirectoryName(ConfigTestHelpers.ConfigsDirectory())!, "src");
        foreach (string file in Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            Assert.False(Regex.IsMatch(File.ReadAllText(file), @"DateTime(Offset)?\.(Try)?Parse"), $"{file} parses date-times, which the AOT binary stubs out (TomlDateTimes.Substitutions.xml)");
        }
    }

    [Fact]
    public void ADateTimeValueIsAPlacedErrorEitherWay()
    {
        // JIT (tests): a date-time the reader refuses; AOT: a syntax error at the same place.
        ConfigDiagnostic d = Assert.Single(ConfigTestHelpers.Errors("protocol = \"IGMPv3\"\nuser = 1979-05-27\n", "d.toml"));
        Assert.Equal((2, 8), (d.Line, d.Column));
    }

    private static string SubstitutionFile() =>
        Path.Combine(Path.GetDirectoryName(ConfigTestHelpers.ConfigsDirectory())!, "src", "Config", "TomlConfig", "TomlDateTimes.Substitutions.xml");
}
