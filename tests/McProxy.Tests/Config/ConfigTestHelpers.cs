using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McProxy.Config;
using McProxy.Config.Model;
using Xunit;

namespace McProxy.Tests.Config;

internal static class ConfigTestHelpers
{
    public static ProxyConfig Load(string text, string fileName = "test.conf") => ConfigLoader.LoadText(text, fileName);

    /// <summary>The diagnostics of a configuration that must fail.</summary>
    public static IReadOnlyList<ConfigDiagnostic> Errors(string text, string fileName = "test.conf")
    {
        ConfigException e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadText(text, fileName));
        Assert.NotEmpty(e.Diagnostics);
        return e.Diagnostics;
    }

    /// <summary>Asserts one diagnostic at line:column whose message contains every fragment.</summary>
    public static void AssertError(IReadOnlyList<ConfigDiagnostic> errors, int line, int column, params string[] fragments)
    {
        bool found = errors.Any(d => d.Line == line && d.Column == column && fragments.All(f => d.Message.Contains(f, StringComparison.Ordinal)));
        Assert.True(found, $"expected an error at {line}:{column} with [{string.Join(", ", fragments)}], got:\n{string.Join("\n", errors)}");
    }

    public static string ConfigsDirectory()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "McProxy.csproj")) && Directory.Exists(Path.Combine(dir, "configs")))
            {
                return Path.Combine(dir, "configs");
            }

            dir = Path.GetDirectoryName(dir);
        }

        throw new InvalidOperationException("configs/ not found above " + AppContext.BaseDirectory);
    }
}
