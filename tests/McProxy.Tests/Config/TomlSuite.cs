using System;
using System.Collections.Generic;
using System.IO;
using McProxy.Config;
using McProxy.Config.TomlConfig;

namespace McProxy.Tests.Config;

/// <summary>
/// The toml-test data vendored in tests/toml-test (MIT, see its LICENSE and SOURCE.md): the
/// TOML 1.1.0 file list, which is the language Tomlyn reads.
/// </summary>
internal static class TomlSuite
{
    public static string Directory { get; } = Locate();

    /// <summary>Relative paths of the 1.1.0 list that start with <paramref name="prefix"/> and end in .toml.</summary>
    public static IEnumerable<object[]> Files(string prefix)
    {
        foreach (string line in File.ReadLines(Path.Combine(Directory, "files-toml-1.1.0")))
        {
            string name = line.Trim();
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".toml", StringComparison.Ordinal))
            {
                yield return new object[] { name };
            }
        }
    }

    public static string PathOf(string relative) => Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Parses bytes the way the daemon does (UTF-8 check, then Tomlyn); null with the diagnostics on error.</summary>
    public static TomlTable? Parse(byte[] bytes, out IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        var bag = new DiagnosticBag("suite.toml");
        TomlTable? root = null;
        if (TomlText.FindInvalidUtf8(bytes) is { } bad)
        {
            bag.Add(bad, "invalid UTF-8");
        }
        else
        {
            string text = System.Text.Encoding.UTF8.GetString(bytes);
            root = TomlText.Parse(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, bag);
        }

        diagnostics = bag.Items;
        return root;
    }

    private static string Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string suite = Path.Combine(dir.FullName, "tests", "toml-test");
            if (File.Exists(Path.Combine(dir.FullName, "McProxy.csproj")) && File.Exists(Path.Combine(suite, "files-toml-1.1.0")))
            {
                return suite;
            }
        }

        throw new InvalidOperationException("tests/toml-test/files-toml-1.1.0 not found above " + AppContext.BaseDirectory);
    }
}
