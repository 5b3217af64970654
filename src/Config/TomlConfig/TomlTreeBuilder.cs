using System.Collections.Generic;
using Tomlyn.Syntax;

namespace McProxy.Config.TomlConfig;

/// <summary>
/// Turns Tomlyn's syntax tree of a valid document (parsed and validated by Tomlyn: no
/// duplicate keys, no redefined tables) into the semantic <see cref="TomlTable"/> tree:
/// dotted keys and [a.b] headers become nested tables, [[a]] headers append to an array of
/// tables, and [a.b] after [[a]] goes into a's last table (TOML 1.1 §Table, §Array of Tables).
/// Every node keeps the place of its first character. Iterative along keys; values recurse
/// only as deep as Tomlyn lets a document nest.
/// </summary>
internal static class TomlTreeBuilder
{
    /// <summary>
    /// The tree, or null with <paramref name="conflict"/> set if two definitions of one key
    /// slip past Tomlyn's validator (a defence: it is not expected to happen).
    /// </summary>
    public static TomlTable? Build(DocumentSyntax document, out (TomlPosition Pos, string Message) conflict)
    {
        conflict = default;
        var root = new TomlTable(new TomlPosition(1, 1), isInline: false);
        foreach (KeyValueSyntax kv in document.KeyValues)
        {
            if (!AddKeyValue(root, kv, ref conflict))
            {
                return null;
            }
        }

        foreach (TableSyntaxBase header in document.Tables)
        {
            TomlTable? table = Open(root, header, ref conflict);
            if (table is null)
            {
                return null;
            }

            foreach (KeyValueSyntax kv in header.Items)
            {
                if (!AddKeyValue(table, kv, ref conflict))
                {
                    return null;
                }
            }
        }

        return root;
    }

    public static TomlPosition At(SyntaxNode node) => new(node.Span.Start.Line + 1, node.Span.Start.Column + 1);

    /// <summary>The table a [header] or [[header]] opens (created, or an implicit one made explicit).</summary>
    private static TomlTable? Open(TomlTable root, TableSyntaxBase header, ref (TomlPosition, string) conflict)
    {
        List<(string Name, TomlPosition Pos)> path = KeyPath(header.Name);
        TomlTable? parent = Walk(root, path, path.Count - 1, ref conflict);
        if (parent is null)
        {
            return null;
        }

        (string name, TomlPosition pos) = path[^1];
        var table = new TomlTable(At(header), isInline: false);
        if (header is TableArraySyntax)
        {
            if (!parent.TryGet(name, out TomlNode existing))
            {
                existing = new TomlArray(At(header), isArrayOfTables: true);
                parent.TryAdd(name, existing);
            }

            if (existing is not TomlArray { IsArrayOfTables: true } array)
            {
                conflict = (pos, $"'{name}' is already defined and is not an array of tables");
                return null;
            }

            array.Items.Add(table);
            return table;
        }

        if (parent.TryGet(name, out TomlNode node))
        {
            // [a.b] after [a.b.c] (or a dotted key under [a]): the implicit table gets its header.
            if (node is TomlTable { IsInline: false } implicitTable)
            {
                return implicitTable;
            }

            conflict = (pos, $"'{name}' is already defined");
            return null;
        }

        parent.TryAdd(name, table);
        return table;
    }

    private static bool AddKeyValue(TomlTable table, KeyValueSyntax kv, ref (TomlPosition, string) conflict)
    {
        List<(string Name, TomlPosition Pos)> path = KeyPath(kv.Key);
        TomlTable? parent = Walk(table, path, path.Count - 1, ref conflict);
        if (parent is null || kv.Value is null)
        {
            return false;
        }

        (string name, TomlPosition pos) = path[^1];
        if (!parent.TryAdd(name, Value(kv.Value)))
        {
            conflict = (pos, $"duplicate key '{name}'");
            return false;
        }

        return true;
    }

    /// <summary>Follows the first <paramref name="count"/> keys, creating implicit tables.</summary>
    private static TomlTable? Walk(TomlTable table, List<(string Name, TomlPosition Pos)> path, int count, ref (TomlPosition, string) conflict)
    {
        TomlTable current = table;
        for (int i = 0; i < count; i++)
        {
            (string name, TomlPosition pos) = path[i];
            if (!current.TryGet(name, out TomlNode node))
            {
                node = new TomlTable(pos, isInline: false);
                current.TryAdd(name, node);
            }

            if (node is TomlTable next)
            {
                current = next;
            }
            else if (node is TomlArray { IsArrayOfTables: true, Items.Count: > 0 } array && array.Items[^1] is TomlTable last)
            {
                current = last;
            }
            else
            {
                conflict = (pos, $"'{name}' is already defined and is not a table");
                return null;
            }
        }

        return current;
    }

    private static List<(string Name, TomlPosition Pos)> KeyPath(KeySyntax? key)
    {
        var path = new List<(string, TomlPosition)>();
        if (key?.Key is BareKeyOrStringValueSyntax first)
        {
            path.Add((KeyText(first), At(first)));
        }

        if (key is not null)
        {
            foreach (DottedKeyItemSyntax item in key.DotKeys)
            {
                if (item.Key is BareKeyOrStringValueSyntax part)
                {
                    path.Add((KeyText(part), At(part)));
                }
            }
        }

        return path;
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => string.Empty,
    };

    private static TomlNode Value(ValueSyntax value)
    {
        TomlPosition pos = At(value);
        switch (value)
        {
            case StringValueSyntax s:
                return new TomlValue(TomlKind.String, pos, s.Value);
            case IntegerValueSyntax i:
                return new TomlValue(TomlKind.Integer, pos, integer: i.Value);
            case FloatValueSyntax f:
                return new TomlValue(TomlKind.Float, pos, @float: f.Value);
            case BooleanValueSyntax b:
                return new TomlValue(TomlKind.Boolean, pos, boolean: b.Value);
            case ArraySyntax a:
                var array = new TomlArray(pos, isArrayOfTables: false);
                foreach (ArrayItemSyntax item in a.Items)
                {
                    if (item.Value is not null)
                    {
                        array.Items.Add(Value(item.Value));
                    }
                }

                return array;
            case InlineTableSyntax t:
                var table = new TomlTable(pos, isInline: true);
                foreach (InlineTableItemSyntax item in t.Items)
                {
                    if (item.KeyValue is KeyValueSyntax kv)
                    {
                        (TomlPosition, string) ignored = default;
                        AddKeyValue(table, kv, ref ignored);
                    }
                }

                return table;
            default:
                // Date-times: their text as written (McProxy has no date-time setting).
                return new TomlValue(DateKind(value.Kind), pos, (value as DateTimeValueSyntax)?.Token?.Text);
        }
    }

    private static TomlKind DateKind(SyntaxKind kind) => kind switch
    {
        SyntaxKind.OffsetDateTimeByZ or SyntaxKind.OffsetDateTimeByNumber => TomlKind.OffsetDateTime,
        SyntaxKind.LocalDate => TomlKind.LocalDate,
        SyntaxKind.LocalTime => TomlKind.LocalTime,
        _ => TomlKind.LocalDateTime,
    };
}
