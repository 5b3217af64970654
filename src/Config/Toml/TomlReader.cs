using System;
using System.Collections.Generic;
using System.Text;

namespace McProxy.Config.Toml;

/// <summary>
/// One parse of one TOML document: the document loop, headers and key/value pairs.
/// Values (arrays, inline tables, scalars) are in TomlReader.Values.cs.
/// </summary>
internal sealed partial class TomlReader
{
    /// <summary>Arrays and inline tables nested deeper than this are refused, so garbage input cannot overflow the stack.</summary>
    private const int MaxDepth = 128;

    private readonly TomlCursor _cur;
    private readonly TomlTableBuilder _tables = new();
    private readonly StringBuilder _sb = new();
    private readonly List<TomlKeyPart> _key = new();

    // Bare keys repeat a lot (every rule has the same few); reuse one string per distinct key.
    private readonly Dictionary<string, string> _bareKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bareKeyLookup;

    public TomlReader(string text)
    {
        _cur = new TomlCursor(text);
        _bareKeyLookup = _bareKeys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public TomlTable ReadDocument()
    {
        _cur.SkipByteOrderMark();
        TomlTable section = _tables.Root;
        while (true)
        {
            _cur.SkipWhitespace();
            if (_cur.AtEnd)
            {
                return _tables.Root;
            }

            char c = _cur.Peek();
            if (c == '#' || _cur.AtNewline())
            {
                _cur.ExpectLineEnd();
                continue;
            }

            if (c == '[')
            {
                section = ReadHeader();
            }
            else
            {
                ReadKeyValue(section, depth: 0);
            }

            _cur.ExpectLineEnd();
        }
    }

    /// <summary>[key] or [[key]]; returns the table that following key/value pairs go into.</summary>
    private TomlTable ReadHeader()
    {
        TomlPosition at = _cur.Position;
        _cur.Advance();
        bool isArray = _cur.Peek() == '[';
        if (isArray)
        {
            _cur.Advance();
        }

        ReadKey();
        ExpectChar(']', "']' to close the table header");
        if (isArray)
        {
            ExpectChar(']', "']]' to close the array of tables header");
        }

        return isArray ? _tables.OpenArrayTable(_key, at) : _tables.OpenTable(_key, at);
    }

    /// <summary>key = value, added to <paramref name="section"/> (through dotted-key tables).</summary>
    private void ReadKeyValue(TomlTable section, int depth)
    {
        ReadKey();
        TomlTable target = _tables.WalkDottedPath(section, _key);
        TomlKeyPart last = _key[^1];
        if (target.ContainsKey(last.Name))
        {
            throw TomlCursor.Error($"duplicate key '{TomlTableBuilder.KeyText(_key, _key.Count)}'", last.Position);
        }

        ExpectChar('=', "'=' after the key");
        _cur.SkipWhitespace();
        TomlNode value = ReadValue(depth);
        target.TryAdd(last.Name, value);
    }

    /// <summary>Reads a simple or dotted key into <see cref="_key"/>, with the whitespace around it.</summary>
    private void ReadKey()
    {
        _key.Clear();
        while (true)
        {
            _cur.SkipWhitespace();
            TomlPosition at = _cur.Position;
            char c = _cur.Peek();
            string name;
            if (c == '"' || c == '\'')
            {
                name = TomlStringReader.Read(_cur, _sb, allowMultiLine: false);
            }
            else if (TomlCursor.IsBareKeyChar(c))
            {
                int start = _cur.Offset;
                while (TomlCursor.IsBareKeyChar(_cur.Peek()))
                {
                    _cur.Advance();
                }

                name = BareKey(_cur.Span(start, _cur.Offset));
            }
            else
            {
                throw _cur.Error($"expected a key, found {DescribeHere()}");
            }

            _key.Add(new TomlKeyPart(name, at));
            _cur.SkipWhitespace();
            if (_cur.Peek() != '.')
            {
                return;
            }

            _cur.Advance();
        }
    }

    private string BareKey(ReadOnlySpan<char> span)
    {
        if (!_bareKeyLookup.TryGetValue(span, out string? name))
        {
            name = span.ToString();
            _bareKeys.Add(name, name);
        }

        return name;
    }

    private void ExpectChar(char expected, string what)
    {
        if (_cur.Peek() != expected || _cur.AtEnd)
        {
            throw _cur.Error($"expected {what}, found {DescribeHere()}");
        }

        _cur.Advance();
    }

    private string DescribeHere() => _cur.AtEnd ? "end of file" : TomlCursor.Describe(_cur.Peek());
}
