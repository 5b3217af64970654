using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using McProxy.Config.TomlConfig;

namespace McProxy.Tests.Config;

/// <summary>
/// Compares a parsed TOML tree with toml-test's tagged JSON form: scalars are
/// {"type": T, "value": "..."}, tables objects, arrays arrays. Integers and floats compare by
/// value (nan and ±inf specially); date-times by a normalised text (fraction trailing zeros,
/// separator and 'Z' case do not matter), as the suite itself compares them by value.
/// </summary>
internal static class TomlJsonComparer
{
    /// <summary>Null when equal, else a description of the first difference.</summary>
    public static string? Compare(TomlNode node, JsonElement expected, string path)
    {
        if (IsTaggedScalar(expected))
        {
            return node is TomlValue value ? CompareScalar(value, expected, path) : $"{path}: expected a scalar, got {node.Kind}";
        }

        return expected.ValueKind switch
        {
            JsonValueKind.Object => node is TomlTable table ? CompareTable(table, expected, path) : $"{path}: expected a table, got {node.Kind}",
            JsonValueKind.Array => node is TomlArray array ? CompareArray(array, expected, path) : $"{path}: expected an array, got {node.Kind}",
            _ => $"{path}: unexpected JSON {expected.ValueKind}",
        };
    }

    private static bool IsTaggedScalar(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String
        && e.TryGetProperty("value", out JsonElement value) && value.ValueKind == JsonValueKind.String
        && CountProperties(e) == 2;

    private static int CountProperties(JsonElement e)
    {
        int n = 0;
        foreach (JsonProperty unused in e.EnumerateObject())
        {
            n++;
        }

        return n;
    }

    private static string? CompareTable(TomlTable table, JsonElement expected, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in expected.EnumerateObject())
        {
            seen.Add(p.Name);
            if (!table.TryGet(p.Name, out TomlNode child))
            {
                return $"{path}: missing key '{p.Name}'";
            }

            string? diff = Compare(child, p.Value, $"{path}.{p.Name}");
            if (diff is not null)
            {
                return diff;
            }
        }

        foreach (KeyValuePair<string, TomlNode> entry in table.Entries)
        {
            if (!seen.Contains(entry.Key))
            {
                return $"{path}: unexpected key '{entry.Key}'";
            }
        }

        return null;
    }

    private static string? CompareArray(TomlArray array, JsonElement expected, string path)
    {
        int count = expected.GetArrayLength();
        if (count != array.Items.Count)
        {
            return $"{path}: expected {count} items, got {array.Items.Count}";
        }

        int i = 0;
        foreach (JsonElement item in expected.EnumerateArray())
        {
            string? diff = Compare(array.Items[i], item, $"{path}[{i}]");
            if (diff is not null)
            {
                return diff;
            }

            i++;
        }

        return null;
    }

    private static string? CompareScalar(TomlValue value, JsonElement expected, string path)
    {
        string type = expected.GetProperty("type").GetString()!;
        string text = expected.GetProperty("value").GetString()!;
        TomlKind kind = type switch
        {
            "string" => TomlKind.String,
            "integer" => TomlKind.Integer,
            "float" => TomlKind.Float,
            "bool" => TomlKind.Boolean,
            "datetime" => TomlKind.OffsetDateTime,
            "datetime-local" => TomlKind.LocalDateTime,
            "date-local" => TomlKind.LocalDate,
            "time-local" => TomlKind.LocalTime,
            _ => throw new InvalidOperationException($"unknown type '{type}'"),
        };
        if (value.Kind != kind)
        {
            return $"{path}: expected {kind}, got {value.Kind}";
        }

        bool equal = kind switch
        {
            TomlKind.String => value.Text == text,
            TomlKind.Integer => value.Integer == long.Parse(text, CultureInfo.InvariantCulture),
            TomlKind.Float => FloatEquals(value.Float, text),
            TomlKind.Boolean => value.Boolean == (text == "true"),
            _ => NormaliseDateTime(value.Text) == NormaliseDateTime(text),
        };
        return equal ? null : $"{path}: expected {type} '{text}', got '{Show(value)}'";
    }

    private static bool FloatEquals(double actual, string expected)
    {
        switch (expected)
        {
            case "nan":
            case "+nan":
            case "-nan":
                return double.IsNaN(actual);
            case "inf":
            case "+inf":
                return double.IsPositiveInfinity(actual);
            case "-inf":
                return double.IsNegativeInfinity(actual);
        }

        double e = double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        return e.Equals(actual) && double.IsNegative(e) == double.IsNegative(actual);
    }

    /// <summary>
    /// Upper case, 'T' separator, seconds present (TOML 1.1 may leave them out), and the
    /// fraction of a second without trailing zeros.
    /// </summary>
    public static string NormaliseDateTime(string text)
    {
        string s = text.ToUpperInvariant().Replace(' ', 'T');
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && (colon + 3 >= s.Length || s[colon + 3] != ':'))
        {
            s = s.Insert(colon + 3, ":00");
        }

        int dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return s;
        }

        int end = dot + 1;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        string fraction = s.Substring(dot + 1, end - dot - 1).TrimEnd('0');
        return s.Substring(0, dot) + (fraction.Length > 0 ? "." + fraction : string.Empty) + s.Substring(end);
    }

    private static string Show(TomlValue v) => v.Kind switch
    {
        TomlKind.Integer => v.Integer.ToString(CultureInfo.InvariantCulture),
        TomlKind.Float => v.Float.ToString("R", CultureInfo.InvariantCulture),
        TomlKind.Boolean => v.Boolean ? "true" : "false",
        _ => v.Text,
    };
}
