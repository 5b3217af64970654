namespace McProxy.Config.Draft;

/// <summary>1-based line and column of a configuration element (0 = unknown).</summary>
internal readonly record struct SourcePos(int Line, int Column)
{
    public override string ToString() => Column > 0 ? $"{Line}:{Column}" : $"{Line}";
}
