using System;
using System.Collections.Generic;
using System.IO;

namespace McProxy.Tests.Toml;

/// <summary>Locates the shared toml-test data (root/../shared/toml-test) and lists its TOML 1.0.0 files.</summary>
internal static class TomlSuite
{
    public const string Missing = "<toml-test suite not found>";

    public static string? Directory { get; } = Locate();

    /// <summary>Relative paths of the 1.0.0 list that start with <paramref name="prefix"/> and end in .toml.</summary>
    public static IEnumerable<object[]> Files(string prefix)
    {
        string? list = Directory is null ? null : Path.Combine(Directory, "files-toml-1.0.0");
        if (list is null || !File.Exists(list))
        {
            // One case that fails with a clear message instead of a silently empty theory.
            yield return new object[] { Missing };
            yield break;
        }

        foreach (string line in File.ReadLines(list))
        {
            string name = line.Trim();
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".toml", StringComparison.Ordinal))
            {
                yield return new object[] { name };
            }
        }
    }

    /// <summary>Full path of a listed file; fails the test when the suite is missing.</summary>
    public static string PathOf(string relative)
    {
        if (relative == Missing || Directory is null)
        {
            throw new InvalidOperationException(
                "The toml-test suite was not found: expected ../shared/toml-test/files-toml-1.0.0 next to the repository root (the folder holding McProxy.csproj).");
        }

        return Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string? Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "McProxy.csproj")))
            {
                string suite = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "toml-test"));
                return System.IO.Directory.Exists(suite) ? suite : null;
            }
        }

        return null;
    }
}
