using McProxy.Config.Model;

namespace McProxy.Config.Draft;

/// <summary>"pinstance X upstream|downstream IF|* in|out rulematching all|first|mutex MS" as written.</summary>
internal sealed class DraftRuleMatching
{
    public required DraftName Instance { get; init; }

    public required InterfaceRole Role { get; init; }

    public required FilterDirection Direction { get; init; }

    public required RuleMatching Matching { get; init; }

    public int MutexMs { get; init; }

    public SourcePos Pos { get; init; }
}
