using System;

namespace McProxy.Platform.Linux;

/// <summary>
/// A POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3", "UTC0", "&lt;+0530&gt;-5:30"): the form OpenWrt
/// keeps in TZ and /etc/TZ, and the footer of every TZif v2+ zoneinfo file (RFC 8536 section 3.3).
/// Evaluated in managed code so that log timestamps need neither libc's zone code nor
/// /etc/localtime. Offsets are stored east of UTC (POSIX writes them west: "CET-1" is UTC+1).
/// </summary>
internal readonly struct PosixTimeZone
{
    private readonly int _std;      // seconds east of UTC outside daylight saving time
    private readonly int _dst;      // seconds east of UTC during it
    private readonly bool _hasDst;
    private readonly Transition _start;
    private readonly Transition _end;

    private PosixTimeZone(int std, int dst, bool hasDst, Transition start, Transition end)
    {
        _std = std;
        _dst = dst;
        _hasDst = hasDst;
        _start = start;
        _end = end;
    }

    public static PosixTimeZone Utc => default;

    /// <summary>Seconds to add to UTC to get local time at <paramref name="unixSeconds"/>.</summary>
    public int OffsetAt(long unixSeconds)
    {
        if (!_hasDst)
        {
            return _std;
        }

        // The year as the local standard time sees it; transitions are given in local time
        // (the start in standard time, the end in daylight time).
        int year = YearOf(unixSeconds + _std);
        long start = _start.LocalSeconds(year) - _std;
        long end = _end.LocalSeconds(year) - _dst;
        bool inDst = start < end
            ? unixSeconds >= start && unixSeconds < end
            : unixSeconds >= start || unixSeconds < end;   // southern hemisphere: DST spans new year
        return inDst ? _dst : _std;
    }

    /// <summary>Parses std offset [dst [offset] [,start[/time],end[/time]]] (POSIX.1-2017 8.3,
    /// with RFC 8536's hours up to 167 and negative transition times).</summary>
    public static bool TryParse(string text, out PosixTimeZone zone)
    {
        zone = Utc;
        int i = 0;
        if (!Name(text, ref i) || !Offset(text, ref i, 24, out int stdWest))
        {
            return false;
        }

        if (i == text.Length)
        {
            zone = new PosixTimeZone(-stdWest, -stdWest, false, default, default);
            return true;
        }

        if (!Name(text, ref i))
        {
            return false;
        }

        int dstWest = stdWest - 3600;
        if (i < text.Length && text[i] != ',' && !Offset(text, ref i, 24, out dstWest))
        {
            return false;
        }

        // No rule: POSIX leaves it to the implementation; glibc and musl use the US rule.
        Transition start = new(Transition.Kind.MonthWeekDay, 3, 2, 0, 7200);
        Transition end = new(Transition.Kind.MonthWeekDay, 11, 1, 0, 7200);
        if (i < text.Length)
        {
            if (text[i++] != ',' || !Rule(text, ref i, out start) || i >= text.Length || text[i++] != ','
                || !Rule(text, ref i, out end) || i != text.Length)
            {
                return false;
            }
        }

        zone = new PosixTimeZone(-stdWest, -dstWest, true, start, end);
        return true;
    }

    /// <summary>Three or more letters, or any of [A-Za-z0-9+-] in angle brackets.</summary>
    private static bool Name(string s, ref int i)
    {
        int begin = i;
        if (i < s.Length && s[i] == '<')
        {
            while (++i < s.Length && s[i] != '>')
            {
                if (!char.IsAsciiLetterOrDigit(s[i]) && s[i] is not ('+' or '-'))
                {
                    return false;
                }
            }

            if (i >= s.Length || i - begin - 1 < 3)
            {
                return false;
            }

            i++;
            return true;
        }

        while (i < s.Length && char.IsAsciiLetter(s[i]))
        {
            i++;
        }

        return i - begin >= 3;
    }

    /// <summary>[+|-]hh[:mm[:ss]] in seconds, hours up to <paramref name="maxHours"/>.</summary>
    private static bool Offset(string s, ref int i, int maxHours, out int seconds)
    {
        seconds = 0;
        int sign = 1;
        if (i < s.Length && s[i] is '+' or '-')
        {
            sign = s[i++] == '-' ? -1 : 1;
        }

        if (!Number(s, ref i, 3, out int h) || h > maxHours)
        {
            return false;
        }

        int m = 0, sec = 0;
        if (i < s.Length && s[i] == ':' && (!Number(s, ref Skip(ref i), 2, out m) || m > 59))
        {
            return false;
        }

        if (i < s.Length && s[i] == ':' && (!Number(s, ref Skip(ref i), 2, out sec) || sec > 59))
        {
            return false;
        }

        seconds = sign * ((h * 3600) + (m * 60) + sec);
        return true;
    }

    /// <summary>Steps over one separator character and hands the position on.</summary>
    private static ref int Skip(ref int i)
    {
        i++;
        return ref i;
    }

    private static bool Number(string s, ref int i, int maxDigits, out int value)
    {
        value = 0;
        int begin = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - begin < maxDigits)
        {
            value = (value * 10) + (s[i++] - '0');
        }

        return i > begin;
    }

    /// <summary>Jn, n or Mm.w.d, then an optional /time (default 02:00:00).</summary>
    private static bool Rule(string s, ref int i, out Transition rule)
    {
        rule = default;
        Transition.Kind kind;
        int a, b = 0, c = 0;
        if (i < s.Length && s[i] == 'J')
        {
            i++;
            kind = Transition.Kind.Julian;
            if (!Number(s, ref i, 3, out a) || a is < 1 or > 365)
            {
                return false;
            }
        }
        else if (i < s.Length && s[i] == 'M')
        {
            i++;
            kind = Transition.Kind.MonthWeekDay;
            if (!Number(s, ref i, 2, out a) || a is < 1 or > 12
                || i >= s.Length || s[i++] != '.' || !Number(s, ref i, 1, out b) || b is < 1 or > 5
                || i >= s.Length || s[i++] != '.' || !Number(s, ref i, 1, out c) || c > 6)
            {
                return false;
            }
        }
        else
        {
            kind = Transition.Kind.ZeroBasedDay;
            if (!Number(s, ref i, 3, out a) || a > 365)
            {
                return false;
            }
        }

        int time = 7200;
        if (i < s.Length && s[i] == '/' && !Offset(s, ref Skip(ref i), 167, out time))
        {
            return false;
        }

        rule = new Transition(kind, a, b, c, time);
        return true;
    }

    private static int YearOf(long localSeconds)
    {
        long days = Math.DivRem(localSeconds, 86400, out long rem);
        if (rem < 0)
        {
            days--;
        }

        CivilFromDays(days, out int year, out _, out _);
        return year;
    }

    private static bool IsLeap(int y) => (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    private static int DaysInMonth(int y, int m) =>
        m == 2 ? (IsLeap(y) ? 29 : 28) : (m is 4 or 6 or 9 or 11 ? 30 : 31);

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (era arithmetic: a 400-year
    /// cycle starting on March 1st, so the leap day is the last day of its year).</summary>
    internal static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - (era * 400);
        long doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        long doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    internal static void CivilFromDays(long days, out int y, out int m, out int d)
    {
        days += 719468;
        long era = (days >= 0 ? days : days - 146096) / 146097;
        long doe = days - (era * 146097);
        long yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        long doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        long mp = ((5 * doy) + 2) / 153;
        d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        m = (int)(mp < 10 ? mp + 3 : mp - 9);
        y = (int)(yoe + (era * 400) + (m <= 2 ? 1 : 0));
    }

    /// <summary>One end of daylight saving time as the rule writes it.</summary>
    private readonly struct Transition
    {
        public enum Kind : byte { Julian, ZeroBasedDay, MonthWeekDay }

        private readonly Kind _kind;
        private readonly int _a;    // Jn: n; n: day; M: month
        private readonly int _b;    // M: week 1-5 (5 = last)
        private readonly int _c;    // M: weekday, 0 = Sunday
        private readonly int _time; // seconds after local midnight, may be negative or > 24 h

        public Transition(Kind kind, int a, int b, int c, int time)
        {
            _kind = kind;
            _a = a;
            _b = b;
            _c = c;
            _time = time;
        }

        /// <summary>Local seconds since the epoch at which this transition happens in <paramref name="year"/>.</summary>
        public long LocalSeconds(int year)
        {
            long day;
            switch (_kind)
            {
                case Kind.Julian:
                    // 1-365, February 29th never counted.
                    day = DaysFromCivil(year, 1, 1) + _a - 1 + (IsLeap(year) && _a >= 60 ? 1 : 0);
                    break;
                case Kind.ZeroBasedDay:
                    day = DaysFromCivil(year, 1, 1) + _a;
                    break;
                default:
                    long first = DaysFromCivil(year, _a, 1);
                    int firstWeekday = (int)(((first % 7) + 11) % 7);   // 1970-01-01 was a Thursday (4)
                    int dom = 1 + ((_c - firstWeekday + 7) % 7) + ((_b - 1) * 7);
                    int dim = DaysInMonth(year, _a);
                    while (dom > dim)
                    {
                        dom -= 7;
                    }

                    day = first + dom - 1;
                    break;
            }

            return (day * 86400) + _time;
        }
    }
}
