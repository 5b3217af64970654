using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using McProxy.Config;
using McProxy.Config.TomlConfig;
using Xunit;

namespace McProxy.Tests.Config;

/// <summary>
/// The toml-test suite (TOML 1.1.0 list) through the daemon's TOML path: Tomlyn's syntax tree
/// and <see cref="TomlTreeBuilder"/>. A regression check of the integration (keys, tables,
/// arrays of tables, values reach the tree McProxy reads), not of a parser of our own.
/// </summary>
public class TomlSuiteTests
{
    public static IEnumerable<object[]> ValidFiles() => TomlSuite.Files("valid/");

    public static IEnumerable<object[]> InvalidFiles() => TomlSuite.Files("invalid/");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFileGivesItsJson(string file)
    {
        string path = TomlSuite.PathOf(file);
        TomlTable? root = TomlSuite.Parse(File.ReadAllBytes(path), out IReadOnlyList<ConfigDiagnostic> diagnostics);
        string? diff = root is null
            ? $"rejected: {string.Join("; ", diagnostics)}"
            : TomlJsonComparer.Compare(root, JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(path, ".json"))).RootElement, "$");
        Assert.True(diff is null, $"{file}: {diff}");
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidFileIsRejectedWithAPlace(string file)
    {
        TomlTable? root = TomlSuite.Parse(File.ReadAllBytes(TomlSuite.PathOf(file)), out IReadOnlyList<ConfigDiagnostic> diagnostics);
        Assert.True(root is null, $"{file}: accepted");
        ConfigDiagnostic first = Assert.Single(diagnostics);
        Assert.True(first.Line >= 1 && first.Column >= 1, $"bad place {first}");
    }

    [Fact]
    public void SuiteIsComplete()
    {
        int valid = 0, invalid = 0;
        foreach (object[] unused in ValidFiles())
        {
            valid++;
        }

        foreach (object[] unused in InvalidFiles())
        {
            invalid++;
        }

        Assert.True(valid > 200 && invalid > 400, $"suite looks truncated: {valid} valid, {invalid} invalid");
    }
}
