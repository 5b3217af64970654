using System;
using System.Text;

namespace McProxy.Config.Toml;

/// <summary>
/// A read position in TOML text that tracks 1-based line and column (columns count UTF-16
/// units; a tab is one column). Line feeds are consumed only through <see cref="Advance"/>, so
/// the line count stays right; the fast paths that skip several characters stop at them.
/// Parser loops end at <see cref="End"/> or consume at least one character per pass, so they
/// cannot hang.
/// </summary>
internal sealed class TomlCursor
{
    /// <summary>Returned by <see cref="Peek()"/> at the end of the text; never valid TOML.</summary>
    public const char End = '\0';

    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public TomlCursor(string text)
    {
        _text = text;
    }

    public bool AtEnd => _pos >= _text.Length;

    public int Offset => _pos;

    public TomlPosition Position => new(_line, _pos - _lineStart + 1);

    /// <summary>The current character, or <see cref="End"/> past the end (check <see cref="AtEnd"/> to tell a real NUL).</summary>
    public char Peek() => _pos < _text.Length ? _text[_pos] : End;

    public char Peek(int ahead)
    {
        int i = _pos + ahead;
        return i < _text.Length ? _text[i] : End;
    }

    public bool StartsWith(string s) => _text.AsSpan(_pos).StartsWith(s, StringComparison.Ordinal);

    public ReadOnlySpan<char> Span(int start, int end) => _text.AsSpan(start, end - start);

    public void CopyTo(StringBuilder sb, int start, int count) => sb.Append(_text, start, count);

    /// <summary>Skips U+FEFF at the very start; it does not count as a column.</summary>
    public void SkipByteOrderMark()
    {
        if (_pos == 0 && Peek() == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }
    }

    public char Advance()
    {
        char c = _text[_pos++];
        if (c == '\n')
        {
            _line++;
            _lineStart = _pos;
        }

        return c;
    }

    public void Skip(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Advance();
        }
    }

    public TomlException Error(string message) => Error(message, Position);

    public static TomlException Error(string message, TomlPosition at) => new(message, at.Line, at.Column);

    /// <summary>Skips spaces and tabs (TOML whitespace).</summary>
    public void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t'))
        {
            _pos++;
        }
    }

    /// <summary>True at LF or CRLF; a CR not followed by LF is an error (TOML 1.0 newline = LF / CRLF).</summary>
    public bool AtNewline()
    {
        char c = Peek();
        if (c == '\n')
        {
            return true;
        }

        if (c == '\r')
        {
            if (Peek(1) == '\n')
            {
                return true;
            }

            throw Error("carriage return not followed by line feed");
        }

        return false;
    }

    /// <summary>Consumes a newline at which <see cref="AtNewline"/> is true.</summary>
    public void SkipNewline()
    {
        if (Peek() == '\r')
        {
            _pos++;
        }

        Advance();
    }

    /// <summary>Skips a comment starting at '#', up to (not including) the newline.</summary>
    public void SkipComment()
    {
        _pos++;
        while (true)
        {
            SkipPlainText('\n');
            if (AtEnd || AtNewline())
            {
                return;
            }

            SkipCommentChar();
        }
    }

    /// <summary>Skips whitespace, comments and newlines (inside arrays).</summary>
    public void SkipWhitespaceCommentsNewlines()
    {
        while (true)
        {
            SkipWhitespace();
            if (Peek() == '#')
            {
                SkipComment();
            }
            else if (!AtEnd && AtNewline())
            {
                SkipNewline();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>After an expression: optional whitespace and comment, then a newline or the end.</summary>
    public void ExpectLineEnd()
    {
        SkipWhitespace();
        if (Peek() == '#')
        {
            SkipComment();
        }

        if (AtEnd)
        {
            return;
        }

        if (!AtNewline())
        {
            throw Error($"expected end of line, found {Describe(Peek())}");
        }

        SkipNewline();
    }

    /// <summary>
    /// Fast path for string bodies and comments: advances over characters that need no
    /// checks (no control characters, surrogates, backslash or <paramref name="stop"/>; never a
    /// newline, so the line count is unaffected). Returns the offset where it started.
    /// </summary>
    public int SkipPlainText(char stop)
    {
        int start = _pos;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c < 0x20 || c == 0x7F || c == stop || c == '\\' || char.IsSurrogate(c))
            {
                break;
            }

            _pos++;
        }

        return start;
    }

    /// <summary>
    /// Consumes one text character of a comment or string body, validating it: control
    /// characters other than tab are not permitted (TOML 1.0), nor are unpaired surrogates.
    /// Returns the number of UTF-16 units consumed (2 for a surrogate pair).
    /// </summary>
    public int SkipCommentChar()
    {
        char c = Peek();
        if (IsControl(c))
        {
            throw Error($"control character {Describe(c)} is not allowed here");
        }

        if (char.IsHighSurrogate(c))
        {
            if (!char.IsLowSurrogate(Peek(1)))
            {
                throw Error("unpaired surrogate character");
            }

            _pos += 2;
            return 2;
        }

        if (char.IsLowSurrogate(c))
        {
            throw Error("unpaired surrogate character");
        }

        _pos++;
        return 1;
    }

    public static bool IsControl(char c) => (c < 0x20 && c != '\t') || c == 0x7F;

    public static bool IsBareKeyChar(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';

    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    public static string Describe(char c) => c switch
    {
        '\n' => "newline",
        '\r' => "carriage return",
        '\t' => "tab",
        _ when c < 0x20 || c == 0x7F || char.IsSurrogate(c) => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
