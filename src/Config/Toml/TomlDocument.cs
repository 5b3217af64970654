using System;
using System.Collections.Generic;

namespace McProxy.Config.Toml;

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

/// <summary>A node of a parsed TOML 1.0 document.</summary>
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
/// their text normalised as RFC 3339 (a 'T' separator, seconds present) in <see cref="Text"/>.
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

/// <summary>A table; entries keep document order. Keys are unique (the parser rejects duplicates).</summary>
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

    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

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

/// <summary>A TOML syntax error at a place in the text.</summary>
internal sealed class TomlException : Exception
{
    public TomlException(string message, int line, int column)
        : base($"{line}:{column}: {message}")
    {
        Reason = message;
        Line = line;
        Column = column;
    }

    public string Reason { get; }

    public int Line { get; }

    public int Column { get; }
}
