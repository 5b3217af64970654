using McProxy.Config.Draft;

namespace McProxy.Config.Legacy;

/// <summary>
/// A token with its text, place and character offsets. Offsets let the parser glue
/// adjacent tokens: "br-lan", "eth0.2" (names) and "ff05::1" (addresses) are several tokens
/// written without blanks between them.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePos Pos, int Start, int End)
{
    public bool IsWord(string keyword) =>
        Kind == TokenKind.Word && string.Equals(Text, keyword, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="next"/> starts right where this token ends.</summary>
    public bool Touches(Token next) => next.Start == End;

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.String => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
