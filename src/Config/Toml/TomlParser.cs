using System;
using System.Text;
using System.Text.Unicode;

namespace McProxy.Config.Toml;

/// <summary>TOML 1.0.0 reader: text to a <see cref="TomlTable"/> tree, or a <see cref="TomlException"/>.</summary>
internal static class TomlParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a document; a leading byte order mark is skipped. Throws only <see cref="TomlException"/>.</summary>
    public static TomlTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TomlReader(text).ReadDocument();
    }

    /// <summary>Parses UTF-8 bytes; invalid UTF-8 (including encoded surrogates) is a <see cref="TomlException"/>.</summary>
    public static TomlTable ParseUtf8(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw InvalidUtf8(utf8);
        }

        return Parse(text);
    }

    /// <summary>Locates the first invalid byte sequence to report its line and column.</summary>
    private static TomlException InvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var chars = new char[utf8.Length];
        Utf8.ToUtf16(utf8, chars, out int bytesRead, out int written, replaceInvalidSequences: false);
        int line = 1 + utf8.Slice(0, bytesRead).Count((byte)'\n');
        int lineStart = written == 0 ? 0 : Array.LastIndexOf(chars, '\n', written - 1) + 1;

        return new TomlException("invalid UTF-8 byte sequence", line, written - lineStart + 1);
    }
}
