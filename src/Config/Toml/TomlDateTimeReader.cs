using System.Text;

namespace McProxy.Config.Toml;

/// <summary>
/// Offset date-time, local date-time, local date and local time (TOML 1.0, RFC 3339 with a
/// space allowed as separator). The text is normalised as toml-test shows it: 'T' separator,
/// upper-case 'Z', a fraction of a second padded to at least milliseconds; finer fractions and
/// numeric offsets are kept as written.
/// </summary>
internal static class TomlDateTimeReader
{
    /// <summary>True if the cursor is at "dddd-" (a date) or "dd:" (a time).</summary>
    public static bool LooksLikeDateTime(TomlCursor cur)
    {
        if (!TomlCursor.IsDigit(cur.Peek()) || !TomlCursor.IsDigit(cur.Peek(1)))
        {
            return false;
        }

        return cur.Peek(2) == ':'
            || (TomlCursor.IsDigit(cur.Peek(2)) && TomlCursor.IsDigit(cur.Peek(3)) && cur.Peek(4) == '-');
    }

    public static TomlValue Read(TomlCursor cur, StringBuilder sb)
    {
        TomlPosition at = cur.Position;
        sb.Clear();
        if (cur.Peek(2) == ':')
        {
            ReadTime(cur, sb, at);
            return new TomlValue(TomlKind.LocalTime, at, sb.ToString());
        }

        ReadDate(cur, sb, at);
        char sep = cur.Peek();
        bool hasTime = sep == 'T' || sep == 't' || (sep == ' ' && TomlCursor.IsDigit(cur.Peek(1)));
        if (!hasTime)
        {
            return new TomlValue(TomlKind.LocalDate, at, sb.ToString());
        }

        cur.Advance();
        sb.Append('T');
        ReadTime(cur, sb, at);
        if (!ReadOffset(cur, sb, at))
        {
            return new TomlValue(TomlKind.LocalDateTime, at, sb.ToString());
        }

        return new TomlValue(TomlKind.OffsetDateTime, at, sb.ToString());
    }

    private static void ReadDate(TomlCursor cur, StringBuilder sb, TomlPosition at)
    {
        int year = ReadField(cur, sb, 4);
        Expect(cur, sb, '-');
        int month = ReadField(cur, sb, 2);
        Expect(cur, sb, '-');
        int day = ReadField(cur, sb, 2);
        if (month < 1 || month > 12)
        {
            throw TomlCursor.Error($"month {month} is out of range", at);
        }

        if (day < 1 || day > DaysInMonth(year, month))
        {
            throw TomlCursor.Error($"day {day} is out of range for {year:D4}-{month:D2}", at);
        }
    }

    private static void ReadTime(TomlCursor cur, StringBuilder sb, TomlPosition at)
    {
        int hour = ReadField(cur, sb, 2);
        Expect(cur, sb, ':');
        int minute = ReadField(cur, sb, 2);
        Expect(cur, sb, ':');
        int second = ReadField(cur, sb, 2);

        // RFC 3339 5.7: second 60 is allowed for a leap second.
        if (hour > 23 || minute > 59 || second > 60)
        {
            throw TomlCursor.Error("time is out of range", at);
        }

        if (cur.Peek() != '.')
        {
            return;
        }

        sb.Append(cur.Advance());
        if (!TomlCursor.IsDigit(cur.Peek()))
        {
            throw TomlCursor.Error("a fraction of a second needs digits after the '.'", at);
        }

        int digits = 0;
        while (TomlCursor.IsDigit(cur.Peek()))
        {
            sb.Append(cur.Advance());
            digits++;
        }

        // At least milliseconds, as toml-test shows them (".6" is ".600"); extra precision is kept.
        if (digits < 3)
        {
            sb.Append('0', 3 - digits);
        }
    }

    /// <summary>Reads 'Z' or ±hh:mm if present.</summary>
    private static bool ReadOffset(TomlCursor cur, StringBuilder sb, TomlPosition at)
    {
        char c = cur.Peek();
        if (c == 'Z' || c == 'z')
        {
            cur.Advance();
            sb.Append('Z');
            return true;
        }

        if (c != '+' && c != '-')
        {
            return false;
        }

        sb.Append(cur.Advance());
        int hour = ReadField(cur, sb, 2);
        Expect(cur, sb, ':');
        int minute = ReadField(cur, sb, 2);
        if (hour > 23 || minute > 59)
        {
            throw TomlCursor.Error("time offset is out of range", at);
        }

        return true;
    }

    private static int ReadField(TomlCursor cur, StringBuilder sb, int digits)
    {
        int value = 0;
        for (int i = 0; i < digits; i++)
        {
            char c = cur.Peek();
            if (!TomlCursor.IsDigit(c))
            {
                throw TomlCursor.Error($"malformed date-time: expected a digit, found {TomlCursor.Describe(c)}", cur.Position);
            }

            value = (value * 10) + (c - '0');
            sb.Append(cur.Advance());
        }

        return value;
    }

    private static void Expect(TomlCursor cur, StringBuilder sb, char expected)
    {
        if (cur.Peek() != expected)
        {
            throw TomlCursor.Error($"malformed date-time: expected '{expected}', found {TomlCursor.Describe(cur.Peek())}", cur.Position);
        }

        sb.Append(cur.Advance());
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}
