using System.Collections.Generic;
using System.Text;

namespace McProxy.Config.Toml;

/// <summary>
/// Builds the table tree and enforces TOML 1.0's rules on where tables may be defined or
/// extended: a table is defined once; [header] may define a table only created implicitly
/// before; dotted keys extend only tables they created themselves; inline tables and static
/// arrays are never extended.
/// </summary>
internal sealed class TomlTableBuilder
{
    private readonly Dictionary<TomlTable, TomlTableOrigin> _origins = new();

    public TomlTableBuilder()
    {
        Root = new TomlTable(new TomlPosition(1, 1), isInline: false);
    }

    public TomlTable Root { get; }

    public TomlTable NewInline(TomlPosition at)
    {
        var table = new TomlTable(at, isInline: true);
        _origins[table] = TomlTableOrigin.Inline;
        return table;
    }

    /// <summary>[a.b.c]: defines table a.b.c (creating a and a.b implicitly when missing).</summary>
    public TomlTable OpenTable(List<TomlKeyPart> key, TomlPosition at)
    {
        TomlTable parent = WalkHeaderPath(key);
        TomlKeyPart last = key[^1];
        if (parent.TryGet(last.Name, out TomlNode existing))
        {
            if (existing is TomlTable table && OriginOf(table) == TomlTableOrigin.Implicit)
            {
                _origins[table] = TomlTableOrigin.Header;
                return table;
            }

            throw TomlCursor.Error($"{Describe(existing)} '{KeyText(key, key.Count)}' is already defined", last.Position);
        }

        var created = new TomlTable(at, isInline: false);
        parent.TryAdd(last.Name, created);
        _origins[created] = TomlTableOrigin.Header;
        return created;
    }

    /// <summary>[[a.b.c]]: appends a new table to the array of tables a.b.c.</summary>
    public TomlTable OpenArrayTable(List<TomlKeyPart> key, TomlPosition at)
    {
        TomlTable parent = WalkHeaderPath(key);
        TomlKeyPart last = key[^1];
        TomlArray array;
        if (parent.TryGet(last.Name, out TomlNode existing))
        {
            if (existing is not TomlArray { IsArrayOfTables: true } found)
            {
                throw TomlCursor.Error($"{Describe(existing)} '{KeyText(key, key.Count)}' is already defined and is not an array of tables", last.Position);
            }

            array = found;
        }
        else
        {
            array = new TomlArray(at, isArrayOfTables: true);
            parent.TryAdd(last.Name, array);
        }

        var table = new TomlTable(at, isInline: false);
        array.Items.Add(table);
        _origins[table] = TomlTableOrigin.Header;
        return table;
    }

    /// <summary>
    /// For a dotted key a.b.c = v written in <paramref name="section"/>: returns the table that
    /// receives c, creating a and a.b when missing.
    /// </summary>
    public TomlTable WalkDottedPath(TomlTable section, List<TomlKeyPart> key)
    {
        TomlTable table = section;
        for (int i = 0; i < key.Count - 1; i++)
        {
            TomlKeyPart part = key[i];
            if (!table.TryGet(part.Name, out TomlNode node))
            {
                var created = new TomlTable(part.Position, section.IsInline);
                table.TryAdd(part.Name, created);
                _origins[created] = TomlTableOrigin.Dotted;
                table = created;
            }
            else if (node is TomlTable child && OriginOf(child) == TomlTableOrigin.Dotted)
            {
                table = child;
            }
            else
            {
                throw TomlCursor.Error($"cannot add keys to {Describe(node)} '{KeyText(key, i + 1)}' here: it is defined elsewhere", part.Position);
            }
        }

        return table;
    }

    private TomlTable WalkHeaderPath(List<TomlKeyPart> key)
    {
        TomlTable table = Root;
        for (int i = 0; i < key.Count - 1; i++)
        {
            TomlKeyPart part = key[i];
            if (!table.TryGet(part.Name, out TomlNode node))
            {
                var created = new TomlTable(part.Position, isInline: false);
                table.TryAdd(part.Name, created);
                _origins[created] = TomlTableOrigin.Implicit;
                table = created;
                continue;
            }

            table = node switch
            {
                TomlTable child when !child.IsInline => child,
                TomlArray { IsArrayOfTables: true } array => (TomlTable)array.Items[^1],
                _ => throw TomlCursor.Error($"{Describe(node)} '{KeyText(key, i + 1)}' cannot be extended by a table header", part.Position),
            };
        }

        return table;
    }

    private TomlTableOrigin OriginOf(TomlTable table) =>
        _origins.TryGetValue(table, out TomlTableOrigin origin) ? origin : TomlTableOrigin.Header;

    private static string Describe(TomlNode node) => node switch
    {
        TomlTable { IsInline: true } => "inline table",
        TomlTable => "table",
        TomlArray { IsArrayOfTables: true } => "array of tables",
        TomlArray => "array",
        _ => "value",
    };

    /// <summary>The first <paramref name="count"/> key parts as TOML text (quoted where not bare).</summary>
    public static string KeyText(List<TomlKeyPart> key, int count)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append('.');
            }

            string name = key[i].Name;
            bool bare = name.Length > 0;
            foreach (char c in name)
            {
                bare &= TomlCursor.IsBareKeyChar(c);
            }

            if (bare)
            {
                sb.Append(name);
            }
            else
            {
                sb.Append('"').Append(name.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
            }
        }

        return sb.ToString();
    }
}
