using System.Collections.Generic;
using McProxy.Config.Draft;

namespace McProxy.Config.Legacy;

/// <summary>
/// Splits 1.x configuration text into tokens. "#" starts a comment to the end of the line
/// (outside quotes). A quoted string must close on its own line; an unterminated one and
/// any unsupported character are reported, and lexing goes on so later errors show too.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text, DiagnosticBag diagnostics)
    {
        var tokens = new List<Token>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            var pos = new SourcePos(line, i - lineStart + 1);
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                i++;
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                i++;
            }
            else if (c == '#')
            {
                i = SkipToEndOfLine(text, i);
            }
            else if (IsWordChar(c))
            {
                int start = i;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], pos, start, i));
            }
            else if (c == '"')
            {
                i = LexString(text, i, pos, tokens, diagnostics);
            }
            else if (c == '=' && string.CompareOrdinal(text, i, "==>", 0, 3) == 0)
            {
                tokens.Add(new Token(TokenKind.Arrow, "==>", pos, i, i + 3));
                i += 3;
            }
            else if (TryPunct(c, out TokenKind kind))
            {
                tokens.Add(new Token(kind, c.ToString(), pos, i, i + 1));
                i++;
            }
            else
            {
                diagnostics.Add(pos, $"unsupported character {Show(c)}; expected a name, an address or one of : ; ( ) {{ }} | * / - ==>");
                i++;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, new SourcePos(line, text.Length - lineStart + 1), text.Length, text.Length));
        return tokens;
    }

    public static bool IsWordChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static int LexString(string text, int i, SourcePos pos, List<Token> tokens, DiagnosticBag diagnostics)
    {
        int start = i + 1;
        int j = start;
        while (j < text.Length && text[j] != '"' && text[j] != '\n')
        {
            j++;
        }

        if (j >= text.Length || text[j] != '"')
        {
            diagnostics.Add(pos, "unterminated quoted string; expected '\"' before the end of the line");
            tokens.Add(new Token(TokenKind.String, text[start..j], pos, i, j));
            return j;
        }

        tokens.Add(new Token(TokenKind.String, text[start..j], pos, i, j + 1));
        return j + 1;
    }

    private static int SkipToEndOfLine(string text, int i)
    {
        while (i < text.Length && text[i] != '\n')
        {
            i++;
        }

        return i;
    }

    private static bool TryPunct(char c, out TokenKind kind)
    {
        kind = c switch
        {
            ':' => TokenKind.Colon,
            '.' => TokenKind.Dot,
            '-' => TokenKind.Dash,
            '/' => TokenKind.Slash,
            '*' => TokenKind.Star,
            '|' => TokenKind.Pipe,
            '(' => TokenKind.LParen,
            ')' => TokenKind.RParen,
            '{' => TokenKind.LBrace,
            '}' => TokenKind.RBrace,
            ';' => TokenKind.Semicolon,
            _ => TokenKind.End,
        };
        return kind != TokenKind.End;
    }

    private static string Show(char c) =>
        c < ' ' || c == 0x7F ? $"U+{(int)c:X4}" : $"'{c}'";
}
