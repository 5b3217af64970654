using System;
using System.Text.Unicode;
using McProxy.Config.Draft;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace McProxy.Config.TomlConfig;

/// <summary>
/// TOML 1.1 text to a <see cref="TomlTable"/> tree through Tomlyn's syntax-tree parser (no
/// reflection, no serializer). The first syntax error is reported with its line and column
/// (Tomlyn's recovery reports follow-on errors a user would only be confused by); nothing
/// Tomlyn throws escapes as anything but a diagnostic.
/// </summary>
internal static class TomlText
{
    /// <summary>The tree, or null after adding the syntax error to <paramref name="diagnostics"/>.</summary>
    public static TomlTable? Parse(string text, DiagnosticBag diagnostics)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            // The loader has removed the byte order mark a file may start with; Tomlyn would
            // skip a second one.
            diagnostics.Add(new SourcePos(1, 1), "a byte order mark (U+FEFF) is only allowed once, at the start of the file");
            return null;
        }

        DocumentSyntax? document;
        try
        {
            document = TryParse(text, diagnostics.File);
        }
        catch (TomlParserFailure e)
        {
            ReadOnlySpan<char> all = text.AsSpan();
            diagnostics.Add(new SourcePos(1 + all.Count('\n'), text.Length - all.LastIndexOf('\n')), e.Message);
            return null;
        }

        if (document is null)
        {
            // Tomlyn throws, without a place, for nesting deeper than its MaxDepth (64).
            diagnostics.Add(DepthExceededAt(text, diagnostics.File), "arrays and tables nest too deeply; expected at most 64 levels");
            return null;
        }

        foreach (DiagnosticMessage message in document.Diagnostics)
        {
            if (message.Kind == DiagnosticMessageKind.Error)
            {
                diagnostics.Add(new SourcePos(message.Span.Start.Line + 1, message.Span.Start.Column + 1), message.Message);
                return null;
            }
        }

        TomlTable? root = TomlTreeBuilder.Build(document, out (TomlPosition Pos, string Message) conflict);
        if (root is null)
        {
            diagnostics.Add(new SourcePos(conflict.Pos.Line, conflict.Pos.Column), conflict.Message);
        }

        return root;
    }

    /// <summary>
    /// The place of the first invalid UTF-8 sequence (TOML files are UTF-8, TOML 1.1 §Spec),
    /// or null if the bytes are valid. Line and column count characters, as the parser's do.
    /// </summary>
    public static SourcePos? FindInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var chars = new char[utf8.Length];
        if (Utf8.ToUtf16(utf8, chars, out int bytesRead, out int written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done)
        {
            return null;
        }

        int line = 1 + utf8[..bytesRead].Count((byte)'\n');
        int lineStart = written == 0 ? 0 : Array.LastIndexOf(chars, '\n', written - 1) + 1;
        return new SourcePos(line, written - lineStart + 1);
    }

    /// <summary>
    /// Null when Tomlyn throws its <see cref="TomlException"/> (nesting limit). A text that does
    /// not end in a line break gets a newline: Tomlyn 2.11.1 crashes (ArgumentOutOfRangeException while
    /// formatting its message) on a backslash escape cut off by the end of the input, and a
    /// final newline changes nothing else in a TOML document (a final bare CR is left alone:
    /// it is an error, not half of a CRLF). Anything else it might throw is
    /// <see cref="TomlParserFailure"/>, reported rather than crashing the daemon.
    /// </summary>
    private static DocumentSyntax? TryParse(string text, string file)
    {
        if (text.Length > 0 && text[^1] is not '\n' and not '\r')
        {
            text += "\n";
        }

        try
        {
            return SyntaxParser.Parse(text, file, validate: true);
        }
        catch (TomlException)
        {
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or NullReferenceException or FormatException or OverflowException)
        {
            throw new TomlParserFailure(e);
        }
    }

    /// <summary>
    /// Where the nesting limit is crossed: the shortest prefix whose parse throws, found by
    /// bisection (the parser reads left to right, so every longer prefix throws too).
    /// </summary>
    private static SourcePos DepthExceededAt(string text, string file)
    {
        int good = 0;
        int bad = text.Length;
        while (bad - good > 1)
        {
            int mid = good + ((bad - good) / 2);
            if (TryParse(text[..mid], file) is null)
            {
                bad = mid;
            }
            else
            {
                good = mid;
            }
        }

        ReadOnlySpan<char> before = text.AsSpan(0, bad - 1);
        int lineStart = before.LastIndexOf('\n') + 1;
        return new SourcePos(1 + before.Count('\n'), bad - lineStart);
    }

    /// <summary>Tomlyn failed in a way it does not report; the place is unknown (the end is given).</summary>
    internal sealed class TomlParserFailure : Exception
    {
        public const string Prefix = "the TOML parser failed on this file";

        public TomlParserFailure(Exception inner)
            : base($"{Prefix} ({inner.GetType().Name}: {inner.Message}); please report it", inner)
        {
        }
    }
}
