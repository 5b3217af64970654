using System;
using System.Collections.Generic;

namespace McProxy.Config.TomlConfig;

/// <summary>1-based line and column of a TOML element's first character.</summary>
internal readonly record struct TomlPosition(int Line, int Column);

internal enum TomlKind : byte
{
    String,
    Integer,
    Float,
    Boolean,
    OffsetDateTime,
    LocalDateTime,
    LocalDate,
    LocalTime,
    Array,
    Table,
}

/// <summary>
/// A node of a TOML document as McProxy's reader sees it: the semantic tree (dotted keys and
/// table headers resolved into nested tables) with the place of every key, value and item.
/// Built from Tomlyn's syntax tree by <see cref="TomlTreeBuilder"/>.
/// </summary>
internal abstract class TomlNode
{
    protected TomlNode(TomlKind kind, TomlPosition position)
    {
        Kind = kind;
        Position = position;
    }

    public TomlKind Kind { get; }

    public TomlPosition Position { get; }
}

/// <summary>
/// A scalar. Strings hold the decoded text; integers <see cref="Integer"/>; floats
/// <see cref="Float"/> (inf/nan included); booleans <see cref="Boolean"/>; date-time kinds hold
/// their RFC 3339 text in <see cref="Text"/> (McProxy has no date-time setting; they are
/// kept for the error message and the toml-test check).
/// </summary>
internal sealed class TomlValue : TomlNode
{
    public TomlValue(TomlKind kind, TomlPosition position, string? text = null, long integer = 0, double @float = 0, bool boolean = false)
        : base(kind, position)
    {
        Text = text ?? string.Empty;
        Integer = integer;
        Float = @float;
        Boolean = boolean;
    }

    public string Text { get; }

    public long Integer { get; }

    public double Float { get; }

    public bool Boolean { get; }
}

/// <summary>An array (also an array of tables, whose items are <see cref="TomlTable"/>s).</summary>
internal sealed class TomlArray : TomlNode
{
    public TomlArray(TomlPosition position, bool isArrayOfTables)
        : base(TomlKind.Array, position)
    {
        IsArrayOfTables = isArrayOfTables;
    }

    public List<TomlNode> Items { get; } = new();

    /// <summary>Created by [[header]] syntax (items may be appended by later headers).</summary>
    public bool IsArrayOfTables { get; }
}

/// <summary>A table; entries keep document order. Keys are unique.</summary>
internal sealed class TomlTable : TomlNode
{
    private readonly Dictionary<string, TomlNode> _byKey = new(StringComparer.Ordinal);

    public TomlTable(TomlPosition position, bool isInline)
        : base(TomlKind.Table, position)
    {
        IsInline = isInline;
    }

    public bool IsInline { get; }

    public List<KeyValuePair<string, TomlNode>> Entries { get; } = new();

    public bool TryGet(string key, out TomlNode node) => _byKey.TryGetValue(key, out node!);

    /// <summary>Adds a new key; false if the key exists.</summary>
    public bool TryAdd(string key, TomlNode node)
    {
        if (!_byKey.TryAdd(key, node))
        {
            return false;
        }

        Entries.Add(new KeyValuePair<string, TomlNode>(key, node));
        return true;
    }
}
