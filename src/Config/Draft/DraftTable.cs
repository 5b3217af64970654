using System.Collections.Generic;

namespace McProxy.Config.Draft;

/// <summary>A table as written (Name "" for an unnamed inline table).</summary>
internal sealed class DraftTable
{
    public DraftTable(string name, SourcePos pos)
    {
        Name = name;
        Pos = pos;
    }

    public string Name { get; }

    public SourcePos Pos { get; }

    public List<DraftRuleItem> Items { get; } = new();
}
