namespace McProxy.Config.Legacy;

/// <summary>Token kinds of the mcproxy 1.x statement syntax (docs/behaviour.md §2.1).</summary>
internal enum TokenKind : byte
{
    /// <summary>[A-Za-z0-9_]+ (a keyword is a Word whose text matches one, case-insensitively).</summary>
    Word,

    /// <summary>"..." without escapes; never a keyword.</summary>
    String,
    Colon,
    Dot,
    Dash,
    Slash,
    Star,
    Pipe,
    LParen,
    RParen,
    LBrace,
    RBrace,
    Semicolon,

    /// <summary>"==>".</summary>
    Arrow,
    End,
}
