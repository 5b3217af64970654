namespace McProxy.Config.Draft;

/// <summary>
/// One item of a table as written: a rule "[IF](group | source)", a reference to a named
/// table "(table NAME)" or a nested inline table "(table [NAME] { ... })".
/// </summary>
internal sealed class DraftRuleItem
{
    public SourcePos Pos { get; init; }

    public DraftName? Interface { get; init; }

    public DraftRange? Group { get; init; }

    public DraftRange? Source { get; init; }

    public DraftName? TableRef { get; init; }

    public DraftTable? Nested { get; init; }
}
