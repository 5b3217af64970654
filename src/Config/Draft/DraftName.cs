namespace McProxy.Config.Draft;

/// <summary>A name (interface, instance, table) as written, with its place.</summary>
internal readonly record struct DraftName(string Name, SourcePos Pos);
