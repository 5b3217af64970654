using System;
using System.IO;
using System.Text;
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
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
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

        return LoadBytes(bytes, path);
    }

    /// <summary>
    /// Decodes UTF-8 and loads. The older syntaxes are read leniently (a Latin-1 comment in an
    /// old mcproxy.conf does no harm); TOML must be valid UTF-8, and a bad byte is reported
    /// with its place.
    /// </summary>
    public static Model.ProxyConfig LoadBytes(ReadOnlySpan<byte> bytes, string fileName)
    {
        string text = Encoding.UTF8.GetString(bytes);
        if (Detect(text, fileName) == ConfigSyntax.Toml && TomlText.FindInvalidUtf8(bytes) is SourcePos bad)
        {
            throw new ConfigException(new ConfigDiagnostic(fileName, bad.Line, bad.Column, "invalid UTF-8 byte sequence; expected a UTF-8 text file"));
        }

        return LoadText(text, fileName);
    }

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
