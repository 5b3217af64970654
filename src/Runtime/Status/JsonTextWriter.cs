using System.Collections.Generic;
using System.Globalization;
using System.Text;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>
/// A small indented JSON writer with the handful of Utf8JsonWriter methods the status needs
/// (objects, arrays, strings, integers, booleans, null). Written here because System.Text.Json
/// costs the AOT binary more than this whole file. Strings are escaped per RFC 8259 §7.
/// </summary>
internal sealed class JsonTextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _hasItems = new();

    public void WriteStartObject() => Open('{', null);

    public void WriteStartObject(string name) => Open('{', name);

    public void WriteEndObject() => Close('}');

    public void WriteStartArray() => Open('[', null);

    public void WriteStartArray(string name) => Open('[', name);

    public void WriteEndArray() => Close(']');

    public void WriteString(string name, string? value)
    {
        if (value is null)
        {
            WriteNull(name);
            return;
        }

        Item(name);
        AppendString(value);
    }

    public void WriteStringValue(string value)
    {
        Item(null);
        AppendString(value);
    }

    public void WriteNumber(string name, long value)
    {
        Item(name);
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void WriteNumber(string name, ulong value)
    {
        Item(name);
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void WriteBoolean(string name, bool value)
    {
        Item(name);
        _text.Append(value ? "true" : "false");
    }

    public void WriteNull(string name)
    {
        Item(name);
        _text.Append("null");
    }

    /// <summary>The document as UTF-8, ending in a newline.</summary>
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_text.ToString() + "\n");

    public override string ToString() => _text.ToString();

    private void Open(char bracket, string? name)
    {
        Item(name);
        _text.Append(bracket);
        _hasItems.Push(false);
    }

    private void Close(char bracket)
    {
        bool had = _hasItems.Pop();
        if (had)
        {
            NewLine();
        }

        _text.Append(bracket);
    }

    /// <summary>Separator, line break and indentation before an item, then its name if any.</summary>
    private void Item(string? name)
    {
        if (_hasItems.Count > 0)
        {
            if (_hasItems.Peek())
            {
                _text.Append(',');
            }

            _hasItems.Pop();
            _hasItems.Push(true);
            NewLine();
        }

        if (name is not null)
        {
            AppendString(name);
            _text.Append(": ");
        }
    }

    private void NewLine()
    {
        _text.Append('\n').Append(' ', 2 * _hasItems.Count);
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
    }
}
