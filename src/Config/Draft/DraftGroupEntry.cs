namespace McProxy.Config.Draft;

/// <summary>One entry of an instance's ordered group list as written: "+RANGE" or "-RANGE", optionally "from RANGE".</summary>
internal sealed class DraftGroupEntry
{
    public required SourcePos Pos { get; init; }

    /// <summary>"+" allows, "-" denies.</summary>
    public required bool Allow { get; init; }

    public required DraftRange Group { get; init; }

    /// <summary>The sources ("*" when no "from" part is written).</summary>
    public required DraftRange Source { get; init; }
}
