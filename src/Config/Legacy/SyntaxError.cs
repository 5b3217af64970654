using System;
using McProxy.Config.Draft;

namespace McProxy.Config.Legacy;

/// <summary>Ends parsing of one statement; the parser records it and resumes after the next ';'.</summary>
internal sealed class SyntaxError : Exception
{
    public SyntaxError(SourcePos pos, string message)
        : base(message)
    {
        Pos = pos;
    }

    public SourcePos Pos { get; }
}
