using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using McProxy.Config.Toml;
using Xunit;

namespace McProxy.Tests.Toml;

/// <summary>The official toml-test suite, TOML 1.0.0 file list, one case per file, no exclusions.</summary>
public class TomlSuiteTests
{
    public static IEnumerable<object[]> ValidFiles() => TomlSuite.Files("valid/");

    public static IEnumerable<object[]> InvalidFiles() => TomlSuite.Files("invalid/");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFileParsesToItsJson(string file)
    {
        string path = TomlSuite.PathOf(file);
        TomlTable root = TomlParser.ParseUtf8(File.ReadAllBytes(path));
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(path, ".json")));
        string? diff = TomlJsonComparer.Compare(root, expected.RootElement, "$");
        Assert.True(diff is null, diff);
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidFileIsRejected(string file)
    {
        byte[] bytes = File.ReadAllBytes(TomlSuite.PathOf(file));
        TomlException error = Assert.Throws<TomlException>(() => TomlParser.ParseUtf8(bytes));
        Assert.True(error.Line >= 1 && error.Column >= 1, $"bad position {error.Line}:{error.Column}");
    }

    [Fact]
    public void SuiteIsPresentAndComplete()
    {
        int valid = 0;
        foreach (object[] unused in ValidFiles())
        {
            valid++;
        }

        int invalid = 0;
        foreach (object[] unused in InvalidFiles())
        {
            invalid++;
        }

        Assert.NotNull(TomlSuite.Directory);
        Assert.True(valid > 200 && invalid > 400, $"suite looks truncated: {valid} valid, {invalid} invalid");
    }
}
