using McProxy.Config.Draft;

namespace McProxy.Config.Legacy;

/// <summary>Tables, rules and address parts.</summary>
internal sealed partial class StatementParser
{
    /// <summary>"{" {rule} "}" with the current token at "{".</summary>
    private DraftTable ParseTableBody(string name, SourcePos pos)
    {
        Token open = Current;
        Expect(TokenKind.LBrace, "'{' to start the table's rules");
        var table = new DraftTable(name, pos);
        while (Current.Kind != TokenKind.RBrace)
        {
            if (Current.Kind is TokenKind.Semicolon or TokenKind.End)
            {
                throw new SyntaxError(Current.Pos, $"unexpected {Current.Describe()}; expected '}}' to close the '{{' at {open.Pos}");
            }

            table.Items.Add(ParseRule());
        }

        _index++;
        return table;
    }

    private DraftRuleItem ParseRule()
    {
        SourcePos pos = Current.Pos;
        if (Current.Kind == TokenKind.LParen && Peek().IsWord("table"))
        {
            _index++;
            ParseFilterTable(out DraftName? reference, out DraftTable? nested);
            Expect(TokenKind.RParen, "')' after the nested table");
            return new DraftRuleItem { Pos = pos, TableRef = reference, Nested = nested };
        }

        DraftName? iface = null;
        if (Current.Kind != TokenKind.LParen)
        {
            iface = ExpectName("'(' or an interface name to start a rule");
        }

        Expect(TokenKind.LParen, "'(' to start a rule");
        DraftRange group = ParsePart("a group address, prefix, range or '*'");
        Expect(TokenKind.Pipe, "'|' between group and source");
        DraftRange source = ParsePart("a source address, prefix, range or '*'");
        Expect(TokenKind.RParen, "')' to end the rule");
        return new DraftRuleItem { Pos = pos, Interface = iface, Group = group, Source = source };
    }

    /// <summary>"*" | ADDR | ADDR "/" N | ADDR "-" (ADDR|"*") | "*" "-" ADDR | "*" "/" N.</summary>
    private DraftRange ParsePart(string what)
    {
        SourcePos pos = Current.Pos;
        Addr? low = ParseBound(what);
        if (Current.Kind == TokenKind.Slash)
        {
            _index++;
            int n = ExpectNumber("a prefix length");
            return low is null ? DraftRange.Any(pos) : new DraftRange(pos, low, null, n);
        }

        if (Current.Kind == TokenKind.Dash)
        {
            _index++;
            Addr? high = ParseBound("the range's upper address or '*'");
            return new DraftRange(pos, Open(low), Open(high));
        }

        return low is null ? DraftRange.Any(pos) : DraftRange.Single(pos, low.Value);
    }

    /// <summary>A wildcard bound (0.0.0.0 or ::) of a range is open (docs/behaviour.md §2.3).</summary>
    private static Addr? Open(Addr? a) => a is { IsUnspecified: true } ? null : a;

    /// <summary>An address, or null for "*".</summary>
    private Addr? ParseBound(string what)
    {
        Token t = Current;
        if (t.Kind == TokenKind.Star)
        {
            _index++;
            return null;
        }

        if (t.Kind is not (TokenKind.Word or TokenKind.Colon))
        {
            throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected {what}");
        }

        string text = GlueAddress();
        if (!Addr.TryParse(text, out Addr a))
        {
            throw new SyntaxError(t.Pos, $"invalid IP address '{text}'; expected {what}");
        }

        return a;
    }

    /// <summary>Joins adjacent word, '.' and ':' tokens: "ff05::1", "::1", "10.0.0.1".</summary>
    private string GlueAddress()
    {
        var sb = new System.Text.StringBuilder();
        Token prev = Current;
        sb.Append(prev.Text);
        _index++;
        while (Current.Kind is TokenKind.Word or TokenKind.Dot or TokenKind.Colon && prev.Touches(Current))
        {
            prev = Current;
            sb.Append(prev.Text);
            _index++;
        }

        return sb.ToString();
    }
}
