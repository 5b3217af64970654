using System;
using System.IO;
using McProxy.Config.Draft;
using McProxy.Config.Legacy;
using McProxy.Config.TomlConfig;

namespace McProxy.Config;

/// <summary>
/// Loads a configuration in any of the three syntaxes into one validated model. The only
/// file in Config/ that touches the file system.
/// </summary>
internal static class ConfigLoader
{
    /// <summary>Reads and loads a file; a missing or unreadable file is a <see cref="ConfigException"/>.</summary>
    public static Model.ProxyConfig Load(string path)
    {
        string text;
        try
        {
            text = ReadText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new ConfigException(new ConfigDiagnostic(path, 0, 0, $"cannot read configuration file: {why}"));
        }

        return LoadText(text, path);
    }

    /// <summary>The file as UTF-8 through a file handle and pread, not File.ReadAllText: any
    /// Stream (FileStream under ReadAllText) pulls Task and the thread pool into the Native AOT
    /// binary, ~95 KB a one-threaded daemon never runs. Files over 16 MiB are refused.</summary>
    private static string ReadText(string path)
    {
        using Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(path);
        byte[] buffer = new byte[64 * 1024];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxFileBytes)
                {
                    throw new IOException($"larger than {MaxFileBytes / (1024 * 1024)} MiB");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int n = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            if (n == 0)
            {
                return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
            }

            length += n;
        }
    }

    private const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Detects the syntax, reads and validates; throws <see cref="ConfigException"/> with all diagnostics.</summary>
    public static Model.ProxyConfig LoadText(string text, string fileName)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var diagnostics = new DiagnosticBag(fileName);
        DraftConfig draft = Detect(text, fileName) switch
        {
            ConfigSyntax.Toml => TomlConfigReader.Read(text, diagnostics),
            ConfigSyntax.Line => LineSyntaxReader.Parse(text, diagnostics),
            _ => StatementParser.Parse(text, diagnostics),
        };
        return ConfigValidator.Validate(draft, diagnostics);
    }

    /// <summary>
    /// ".toml" or TOML-looking content (first statement is "[table]" or "key = value") is TOML;
    /// no ';' and only "protocol X" / "A ==> B..." lines is the 0.x/1.0 line syntax; else 1.x.
    /// </summary>
    public static ConfigSyntax Detect(string text, string fileName)
    {
        if (fileName.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) || LooksLikeToml(text))
        {
            return ConfigSyntax.Toml;
        }

        return LineSyntaxReader.LooksLikeLineSyntax(text) ? ConfigSyntax.Line : ConfigSyntax.Statement;
    }

    private static bool LooksLikeToml(string text)
    {
        foreach (string raw in text.Split('\n'))
        {
            ReadOnlySpan<char> line = raw.AsSpan().Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                return true;
            }

            int eq = line.IndexOf('=');
            return eq > 0 && !line[eq..].StartsWith("==") && IsBareKey(line[..eq].TrimEnd());
        }

        return false;
    }

    private static bool IsBareKey(ReadOnlySpan<char> key)
    {
        foreach (char c in key)
        {
            if (!(Lexer.IsWordChar(c) || c is '-' or '.' or '"' or '\''))
            {
                return false;
            }
        }

        return key.Length > 0;
    }
}
