using System.Text;

namespace McProxy.Config.Toml;

/// <summary>Reads the four TOML string forms (TOML 1.0 "String"), cursor at the opening quote.</summary>
internal static class TomlStringReader
{
    /// <summary>Reads any string form; multi-line forms only when <paramref name="allowMultiLine"/> (keys forbid them).</summary>
    public static string Read(TomlCursor cur, StringBuilder sb, bool allowMultiLine)
    {
        char quote = cur.Peek();
        bool multi = cur.Peek(1) == quote && cur.Peek(2) == quote;
        if (multi && !allowMultiLine)
        {
            throw cur.Error("a multi-line string cannot be a key");
        }

        sb.Clear();
        if (quote == '"')
        {
            return multi ? ReadMultiLine(cur, sb, '"') : ReadSingleLine(cur, sb, '"');
        }

        return multi ? ReadMultiLine(cur, sb, '\'') : ReadSingleLine(cur, sb, '\'');
    }

    private static string ReadSingleLine(TomlCursor cur, StringBuilder sb, char quote)
    {
        TomlPosition start = cur.Position;
        cur.Advance();
        while (true)
        {
            CopyPlainText(cur, sb, quote);
            if (cur.AtEnd)
            {
                throw TomlCursor.Error("unterminated string", start);
            }

            char c = cur.Peek();
            if (c == quote)
            {
                cur.Advance();
                return sb.ToString();
            }

            if (c == '\n' || c == '\r')
            {
                throw cur.Error("newline in a single-line string");
            }

            if (c == '\\' && quote == '"')
            {
                ReadEscape(cur, sb);
            }
            else
            {
                AppendTextChar(cur, sb);
            }
        }
    }

    private static string ReadMultiLine(TomlCursor cur, StringBuilder sb, char quote)
    {
        TomlPosition start = cur.Position;
        cur.Skip(3);

        // A newline right after the opening delimiter is trimmed.
        if (cur.AtNewline())
        {
            cur.SkipNewline();
        }

        while (true)
        {
            CopyPlainText(cur, sb, quote);
            if (cur.AtEnd)
            {
                throw TomlCursor.Error("unterminated multi-line string", start);
            }

            char c = cur.Peek();
            if (c == quote)
            {
                if (ReadQuoteRun(cur, sb, quote))
                {
                    return sb.ToString();
                }
            }
            else if (cur.AtNewline())
            {
                // CRLF is normalised to LF; the platform newline is LF.
                sb.Append('\n');
                cur.SkipNewline();
            }
            else if (c == '\\' && quote == '"')
            {
                ReadMultiLineBackslash(cur, sb);
            }
            else
            {
                AppendTextChar(cur, sb);
            }
        }
    }

    /// <summary>
    /// Handles a run of quote characters: up to two may sit next to the closing delimiter,
    /// so a run of 3 to 5 closes the string. Returns true when it did.
    /// </summary>
    private static bool ReadQuoteRun(TomlCursor cur, StringBuilder sb, char quote)
    {
        int run = 0;
        while (cur.Peek(run) == quote)
        {
            run++;
        }

        if (run > 5)
        {
            throw cur.Error("too many quotes at the end of a multi-line string");
        }

        int content = run >= 3 ? run - 3 : run;
        sb.Append(quote, content);
        cur.Skip(run);
        return run >= 3;
    }

    /// <summary>A backslash in a multi-line basic string: a line-ending backslash or an escape.</summary>
    private static void ReadMultiLineBackslash(TomlCursor cur, StringBuilder sb)
    {
        int ahead = 1;
        while (cur.Peek(ahead) == ' ' || cur.Peek(ahead) == '\t')
        {
            ahead++;
        }

        char next = cur.Peek(ahead);
        if (next != '\n' && next != '\r')
        {
            ReadEscape(cur, sb);
            return;
        }

        // Line-ending backslash: trim all whitespace and newlines up to the next visible character.
        cur.Skip(ahead);
        while (true)
        {
            cur.SkipWhitespace();
            if (cur.AtEnd || !cur.AtNewline())
            {
                return;
            }

            cur.SkipNewline();
        }
    }

    private static void ReadEscape(TomlCursor cur, StringBuilder sb)
    {
        TomlPosition at = cur.Position;
        cur.Advance();
        char c = cur.AtEnd ? TomlCursor.End : cur.Peek();
        switch (c)
        {
            case 'b': sb.Append('\b'); break;
            case 't': sb.Append('\t'); break;
            case 'n': sb.Append('\n'); break;
            case 'f': sb.Append('\f'); break;
            case 'r': sb.Append('\r'); break;
            case '"': sb.Append('"'); break;
            case '\\': sb.Append('\\'); break;
            case 'u':
                cur.Advance();
                AppendCodePoint(sb, ReadHex(cur, 4, at));
                return;
            case 'U':
                cur.Advance();
                AppendCodePoint(sb, ReadHex(cur, 8, at));
                return;
            default:
                throw TomlCursor.Error($"invalid escape sequence '\\{(cur.AtEnd ? string.Empty : TomlCursor.Describe(c).Trim('\''))}'", at);
        }

        cur.Advance();
    }

    private static int ReadHex(TomlCursor cur, int digits, TomlPosition at)
    {
        long value = 0;
        for (int i = 0; i < digits; i++)
        {
            int d = HexValue(cur.Peek());
            if (d < 0 || cur.AtEnd)
            {
                throw TomlCursor.Error($"a unicode escape needs {digits} hexadecimal digits", at);
            }

            value = (value << 4) | (uint)d;
            cur.Advance();
        }

        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
            throw TomlCursor.Error($"escape U+{value:X} is not a Unicode scalar value", at);
        }

        return (int)value;
    }

    private static void AppendCodePoint(StringBuilder sb, int cp)
    {
        if (cp < 0x10000)
        {
            sb.Append((char)cp);
            return;
        }

        cp -= 0x10000;
        sb.Append((char)(0xD800 + (cp >> 10)));
        sb.Append((char)(0xDC00 + (cp & 0x3FF)));
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static void CopyPlainText(TomlCursor cur, StringBuilder sb, char quote)
    {
        int from = cur.SkipPlainText(quote);
        if (cur.Offset > from)
        {
            cur.CopyTo(sb, from, cur.Offset - from);
        }
    }

    private static void AppendTextChar(TomlCursor cur, StringBuilder sb)
    {
        int start = cur.Offset;
        int count = cur.SkipCommentChar();
        cur.CopyTo(sb, start, count);
    }
}
