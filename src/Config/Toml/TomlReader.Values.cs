namespace McProxy.Config.Toml;

/// <summary>Values: strings, numbers, booleans, date-times, arrays and inline tables.</summary>
internal sealed partial class TomlReader
{
    private TomlNode ReadValue(int depth)
    {
        TomlPosition at = _cur.Position;
        char c = _cur.AtEnd ? TomlCursor.End : _cur.Peek();
        switch (c)
        {
            case '"':
            case '\'':
                return new TomlValue(TomlKind.String, at, TomlStringReader.Read(_cur, _sb, allowMultiLine: true));
            case 't':
                return ReadKeyword("true", true, at);
            case 'f':
                return ReadKeyword("false", false, at);
            case '[':
                return ReadArray(depth + 1);
            case '{':
                return ReadInlineTable(depth + 1);
            case '+':
            case '-':
            case 'i':
            case 'n':
            case >= '0' and <= '9':
                return TomlDateTimeReader.LooksLikeDateTime(_cur)
                    ? TomlDateTimeReader.Read(_cur, _sb)
                    : TomlNumberReader.Read(_cur);
            default:
                throw _cur.Error($"expected a value, found {DescribeHere()}");
        }
    }

    private TomlValue ReadKeyword(string word, bool value, TomlPosition at)
    {
        if (!_cur.StartsWith(word))
        {
            throw _cur.Error("expected a value (true and false are lower case)");
        }

        _cur.Skip(word.Length);
        return new TomlValue(TomlKind.Boolean, at, boolean: value);
    }

    /// <summary>[ v, v, ... ] with newlines and comments allowed between elements and a trailing comma.</summary>
    private TomlArray ReadArray(int depth)
    {
        CheckDepth(depth);
        var array = new TomlArray(_cur.Position, isArrayOfTables: false);
        _cur.Advance();
        while (true)
        {
            _cur.SkipWhitespaceCommentsNewlines();
            if (_cur.Peek() == ']')
            {
                _cur.Advance();
                return array;
            }

            array.Items.Add(ReadValue(depth));
            _cur.SkipWhitespaceCommentsNewlines();
            if (_cur.Peek() == ',')
            {
                _cur.Advance();
                continue;
            }

            ExpectChar(']', "',' or ']' in the array");
            return array;
        }
    }

    /// <summary>{ k = v, ... } on one line, no trailing comma (TOML 1.0).</summary>
    private TomlTable ReadInlineTable(int depth)
    {
        CheckDepth(depth);
        TomlTable table = _tables.NewInline(_cur.Position);
        _cur.Advance();
        _cur.SkipWhitespace();
        if (_cur.Peek() == '}')
        {
            _cur.Advance();
            return table;
        }

        while (true)
        {
            ReadKeyValue(table, depth);
            _cur.SkipWhitespace();
            if (_cur.Peek() == ',')
            {
                _cur.Advance();
                _cur.SkipWhitespace();
                if (_cur.Peek() == '}')
                {
                    throw _cur.Error("a trailing comma is not allowed in an inline table");
                }

                continue;
            }

            ExpectChar('}', "',' or '}' in the inline table");
            return table;
        }
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw _cur.Error($"arrays and inline tables are nested more than {MaxDepth} deep");
        }
    }
}
