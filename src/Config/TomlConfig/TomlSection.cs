using System.Collections.Generic;
using System.Globalization;
using McProxy.Config.Draft;

namespace McProxy.Config.TomlConfig;

/// <summary>
/// Typed access to one TOML table of the McProxy schema. Remembers which keys were read so
/// <see cref="ReportUnknown"/> can name every unknown key with its place and the keys allowed.
/// </summary>
internal sealed class TomlSection
{
    private readonly TomlTable _table;
    private readonly DiagnosticBag _diagnostics;
    private readonly string _where;
    private readonly string[] _allowed;

    public TomlSection(TomlTable table, string where, DiagnosticBag diagnostics, params string[] allowed)
    {
        _table = table;
        _where = where;
        _diagnostics = diagnostics;
        _allowed = allowed;
    }

    public SourcePos Pos => At(_table);

    public static SourcePos At(TomlNode node) => new(node.Position.Line, node.Position.Column);

    public void ReportUnknown()
    {
        foreach (KeyValuePair<string, TomlNode> kv in _table.Entries)
        {
            if (System.Array.IndexOf(_allowed, kv.Key) < 0)
            {
                _diagnostics.Add(At(kv.Value), $"unknown key '{kv.Key}' in {_where}; expected one of: {string.Join(", ", _allowed)}");
            }
        }
    }

    public TomlNode? Node(string key) => _table.TryGet(key, out TomlNode node) ? node : null;

    public void Error(TomlNode node, string message) => _diagnostics.Add(At(node), message);

    public void Missing(string key, string what) =>
        _diagnostics.Add(Pos, $"missing key '{key}' in {_where}; expected {what}");

    public (string Value, SourcePos Pos)? String(string key)
    {
        TomlNode? node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is TomlValue { Kind: TomlKind.String } v)
        {
            return (v.Text, At(v));
        }

        Error(node, $"'{key}' in {_where} is {Describe(node)}; expected a string");
        return null;
    }

    public bool? Bool(string key)
    {
        TomlNode? node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is TomlValue { Kind: TomlKind.Boolean } v)
        {
            return v.Boolean;
        }

        Error(node, $"'{key}' in {_where} is {Describe(node)}; expected true or false");
        return null;
    }

    public Setting<int>? Int(string key, long min = int.MinValue, long max = int.MaxValue)
    {
        TomlNode? node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is not TomlValue { Kind: TomlKind.Integer } v)
        {
            Error(node, $"'{key}' in {_where} is {Describe(node)}; expected an integer");
            return null;
        }

        if (v.Integer < min || v.Integer > max)
        {
            Error(node, $"'{key}' = {v.Integer} in {_where} is out of range; expected {min} to {max}");
            return null;
        }

        return new Setting<int>((int)v.Integer, At(v));
    }

    /// <summary>
    /// A duration: an integer or float number of seconds (125, 0.5) or a string with a unit
    /// ("125s", "1.5s", "100ms", "2m"). Must be a whole number of milliseconds.
    /// </summary>
    public Setting<int>? Duration(string key)
    {
        TomlNode? node = Node(key);
        if (node is null)
        {
            return null;
        }

        double? ms = node switch
        {
            TomlValue { Kind: TomlKind.Integer } i => i.Integer * 1000.0,
            TomlValue { Kind: TomlKind.Float } f => f.Float * 1000.0,
            TomlValue { Kind: TomlKind.String } s => ParseDuration(s.Text),
            _ => null,
        };
        double value = ms ?? double.NaN;
        double whole = System.Math.Round(value);
        if (double.IsNaN(value) || value < 0 || value > int.MaxValue || System.Math.Abs(value - whole) > 1e-6)
        {
            Error(node, $"'{key}' in {_where} is not a duration; expected seconds (125, 0.5) or a string such as \"125s\", \"100ms\", \"2m\" (whole milliseconds)");
            return null;
        }

        return new Setting<int>((int)whole, At(node));
    }

    /// <summary>An array of strings (each with its place); wrong items are reported and skipped.</summary>
    public List<DraftName>? Strings(string key)
    {
        TomlNode? node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is not TomlArray array)
        {
            Error(node, $"'{key}' in {_where} is {Describe(node)}; expected an array of strings");
            return null;
        }

        var result = new List<DraftName>(array.Items.Count);
        foreach (TomlNode item in array.Items)
        {
            if (item is TomlValue { Kind: TomlKind.String } v)
            {
                result.Add(new DraftName(v.Text, At(v)));
            }
            else
            {
                Error(item, $"an item of '{key}' in {_where} is {Describe(item)}; expected a string");
            }
        }

        return result;
    }

    /// <summary>A sub-table (standard or inline).</summary>
    public TomlTable? Table(string key)
    {
        TomlNode? node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is TomlTable t)
        {
            return t;
        }

        Error(node, $"'{key}' in {_where} is {Describe(node)}; expected a table");
        return null;
    }

    public static string Describe(TomlNode node) => node.Kind switch
    {
        TomlKind.String => "a string",
        TomlKind.Integer => "an integer",
        TomlKind.Float => "a float",
        TomlKind.Boolean => "a boolean",
        TomlKind.Array => "an array",
        TomlKind.Table => "a table",
        _ => "a date/time",
    };

    private static double? ParseDuration(string text)
    {
        string t = text.Trim();
        (string unit, double factor) = t.EndsWith("ms", System.StringComparison.Ordinal) ? ("ms", 1.0)
            : t.EndsWith('s') ? ("s", 1000.0)
            : t.EndsWith('m') ? ("m", 60_000.0)
            : t.EndsWith('h') ? ("h", 3_600_000.0)
            : (string.Empty, 0.0);
        if (unit.Length == 0)
        {
            return null;
        }

        string number = t[..^unit.Length];
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n)
            ? n * factor
            : null;
    }
}
