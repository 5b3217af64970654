using System.Globalization;
using McProxy.Config.Draft;

namespace McProxy.Config.Legacy;

/// <summary>Names, numbers and expected tokens.</summary>
internal sealed partial class StatementParser
{
    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new SyntaxError(Current.Pos, $"unexpected {Current.Describe()}; expected {what}");
        }

        _index++;
    }

    private int ExpectNumber(string what)
    {
        Token t = Current;
        if (t.Kind != TokenKind.Word || !int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected {what} (a decimal number)");
        }

        _index++;
        return n;
    }

    /// <summary>
    /// A quoted string, or a bare name: a word glued to adjacent ".word"/"-word" pieces
    /// ("br-lan", "eth0.2"). Every position that calls this expects a name and nothing else,
    /// so any word is one here, keywords included ("pinstance first: ..."); keywords stay
    /// keywords only where a keyword can stand (statement starts, after a name).
    /// </summary>
    private DraftName ExpectName(string what)
    {
        Token t = Current;
        if (t.Kind == TokenKind.String)
        {
            _index++;
            return new DraftName(t.Text, t.Pos);
        }

        if (t.Kind != TokenKind.Word)
        {
            throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected {what}");
        }

        return new DraftName(GlueName(), t.Pos);
    }

    private string GlueName()
    {
        Token first = Current;
        int end = _index + 1;
        while (end + 1 < _tokens.Count
            && _tokens[end].Kind is TokenKind.Dot or TokenKind.Dash
            && _tokens[end + 1].Kind == TokenKind.Word
            && _tokens[end - 1].Touches(_tokens[end])
            && _tokens[end].Touches(_tokens[end + 1]))
        {
            end += 2;
        }

        string name = end == _index + 1 ? first.Text : string.Concat(GluedPieces(_index, end));
        _index = end;
        return name;
    }

    private System.Collections.Generic.IEnumerable<string> GluedPieces(int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            yield return _tokens[i].Text;
        }
    }
}
