using System;
using System.Globalization;

namespace McProxy.Config.Toml;

/// <summary>Integers and floats (TOML 1.0 "Integer", "Float"), validated by hand before conversion.</summary>
internal static class TomlNumberReader
{
    /// <summary>Reads a number token at the cursor (a sign, digits, letters, '_', '.', exponent signs).</summary>
    public static TomlValue Read(TomlCursor cur)
    {
        TomlPosition at = cur.Position;
        int start = cur.Offset;
        while (IsTokenChar(cur.Peek()))
        {
            cur.Advance();
        }

        if (cur.Offset == start)
        {
            throw cur.Error($"expected a value, found {TomlCursor.Describe(cur.Peek())}");
        }

        return Parse(cur.Span(start, cur.Offset), at);
    }

    public static TomlValue Parse(ReadOnlySpan<char> token, TomlPosition at)
    {
        bool signed = token[0] == '+' || token[0] == '-';
        bool negative = token[0] == '-';
        ReadOnlySpan<char> body = token.Slice(signed ? 1 : 0);
        if (body.SequenceEqual("inf"))
        {
            return Float(at, negative ? double.NegativeInfinity : double.PositiveInfinity);
        }

        if (body.SequenceEqual("nan"))
        {
            return Float(at, double.NaN);
        }

        if (body.Length >= 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o' || body[1] == 'b'))
        {
            if (signed)
            {
                throw TomlCursor.Error("a hexadecimal, octal or binary integer cannot have a sign", at);
            }

            int radix = body[1] == 'x' ? 16 : body[1] == 'o' ? 8 : 2;
            return ParseRadix(body.Slice(2), radix, at);
        }

        return ParseDecimal(token, body, negative, at);
    }

    private static TomlValue ParseDecimal(ReadOnlySpan<char> token, ReadOnlySpan<char> body, bool negative, TomlPosition at)
    {
        int i = 0;
        int intDigits = ScanDigits(body, ref i, 10, at);
        if (intDigits == 0)
        {
            throw TomlCursor.Error($"invalid number '{token.ToString()}'", at);
        }

        if (body[0] == '0' && intDigits > 1)
        {
            throw TomlCursor.Error("leading zeros are not allowed", at);
        }

        bool isFloat = false;
        if (i < body.Length && body[i] == '.')
        {
            i++;
            isFloat = true;
            if (ScanDigits(body, ref i, 10, at) == 0)
            {
                throw TomlCursor.Error("a decimal point must be followed by digits", at);
            }
        }

        if (i < body.Length && (body[i] == 'e' || body[i] == 'E'))
        {
            i++;
            isFloat = true;
            if (i < body.Length && (body[i] == '+' || body[i] == '-'))
            {
                i++;
            }

            if (ScanDigits(body, ref i, 10, at) == 0)
            {
                throw TomlCursor.Error("an exponent must have digits", at);
            }
        }

        if (i != body.Length)
        {
            throw TomlCursor.Error($"invalid number '{token.ToString()}'", at);
        }

        return isFloat ? ParseFloat(token, at) : ParseInteger(body, 10, negative, at);
    }

    private static TomlValue ParseRadix(ReadOnlySpan<char> digits, int radix, TomlPosition at)
    {
        int i = 0;
        if (ScanDigits(digits, ref i, radix, at) == 0 || i != digits.Length)
        {
            throw TomlCursor.Error($"invalid base-{radix} integer", at);
        }

        return ParseInteger(digits, radix, negative: false, at);
    }

    /// <summary>
    /// Scans digits of a radix with single underscores between digits; returns the count of
    /// characters scanned (0 when none). An underscore not between two digits is an error.
    /// </summary>
    private static int ScanDigits(ReadOnlySpan<char> s, ref int i, int radix, TomlPosition at)
    {
        int start = i;
        while (i < s.Length)
        {
            if (DigitValue(s[i], radix) >= 0)
            {
                i++;
            }
            else if (s[i] == '_' && i > start && i + 1 < s.Length && DigitValue(s[i + 1], radix) >= 0)
            {
                i++;
            }
            else if (s[i] == '_')
            {
                throw TomlCursor.Error("an underscore must be between two digits", at);
            }
            else
            {
                break;
            }
        }

        return i - start;
    }

    private static TomlValue ParseInteger(ReadOnlySpan<char> digits, int radix, bool negative, TomlPosition at)
    {
        // Accumulate the magnitude; -2^63 is the only value whose magnitude exceeds long.MaxValue.
        ulong limit = negative ? 1UL << 63 : long.MaxValue;
        ulong value = 0;
        foreach (char c in digits)
        {
            if (c == '_')
            {
                continue;
            }

            ulong d = (ulong)DigitValue(c, radix);
            if (value > (limit - d) / (ulong)radix)
            {
                throw TomlCursor.Error("integer out of the 64-bit range", at);
            }

            value = (value * (ulong)radix) + d;
        }

        long result = unchecked(negative ? (long)(0UL - value) : (long)value);
        return new TomlValue(TomlKind.Integer, at, integer: result);
    }

    private static TomlValue ParseFloat(ReadOnlySpan<char> token, TomlPosition at)
    {
        Span<char> clean = token.Length <= 128 ? stackalloc char[token.Length] : new char[token.Length];
        int n = 0;
        foreach (char c in token)
        {
            if (c != '_')
            {
                clean[n++] = c;
            }
        }

        if (!double.TryParse(clean.Slice(0, n), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw TomlCursor.Error($"invalid float '{token.ToString()}'", at);
        }

        return Float(at, value);
    }

    private static TomlValue Float(TomlPosition at, double value) => new(TomlKind.Float, at, @float: value);

    private static int DigitValue(char c, int radix)
    {
        int d = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return d < radix ? d : -1;
    }

    private static bool IsTokenChar(char c) =>
        TomlCursor.IsBareKeyChar(c) || c == '+' || c == '.';
}
