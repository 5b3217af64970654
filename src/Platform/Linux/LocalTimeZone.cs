using System;
using System.IO;
using System.Text;

namespace McProxy.Platform.Linux;

/// <summary>
/// Finds the local time zone for log timestamps the way a router has it, without libc:
/// 1. TZ: a POSIX rule (OpenWrt, busybox), or a zone file (":Europe/Berlin", "/etc/localtime",
///    a name under /usr/share/zoneinfo);
/// 2. /etc/TZ: OpenWrt's file holding the POSIX rule of the system's zone (uci system.timezone);
/// 3. /etc/localtime: a TZif file (Debian, OpenWrt with zoneinfo packages);
/// 4. UTC.
/// Of a TZif file only the POSIX rule in its footer is used (RFC 8536 section 3.3): it describes
/// the present and future, which is all a log timestamp needs.
/// </summary>
internal static class LocalTimeZone
{
    private const string ZoneInfo = "/usr/share/zoneinfo/";

    public static PosixTimeZone Load() =>
        Load(Environment.GetEnvironmentVariable("TZ"), ReadOrNull);

    public static PosixTimeZone Load(string? tz, Func<string, byte[]?> read)
    {
        if (tz is null)
        {
            byte[]? etcTz = read("/etc/TZ");
            if (etcTz is not null && TryRule(Encoding.ASCII.GetString(etcTz).Trim(), read, out PosixTimeZone z))
            {
                return z;
            }

            return TryFile("/etc/localtime", read, out z) ? z : PosixTimeZone.Utc;
        }

        return TryRule(tz, read, out PosixTimeZone zone) ? zone : PosixTimeZone.Utc;
    }

    private static bool TryRule(string tz, Func<string, byte[]?> read, out PosixTimeZone zone)
    {
        zone = PosixTimeZone.Utc;
        if (tz.Length == 0)
        {
            return false;
        }

        if (tz[0] != ':' && PosixTimeZone.TryParse(tz, out zone))
        {
            return true;
        }

        string name = tz.TrimStart(':');
        if (name.Length == 0 || name.Contains(".."))
        {
            return false;
        }

        return TryFile(name[0] == '/' ? name : ZoneInfo + name, read, out zone);
    }

    /// <summary>The footer rule of a TZif file of version 2 or later: "\nRULE\n" at its end.</summary>
    private static bool TryFile(string path, Func<string, byte[]?> read, out PosixTimeZone zone)
    {
        zone = PosixTimeZone.Utc;
        byte[]? data = read(path);
        if (data is null || data.Length < 6 || data[0] != 'T' || data[1] != 'Z' || data[2] != 'i' || data[3] != 'f'
            || data[4] < '2' || data[^1] != '\n')
        {
            return false;
        }

        int begin = Array.LastIndexOf(data, (byte)'\n', data.Length - 2);
        return begin > 0 && PosixTimeZone.TryParse(Encoding.ASCII.GetString(data, begin + 1, data.Length - begin - 2), out zone);
    }

    /// <summary>A zone file's bytes, at most 256 KiB (TZif files are a few KiB; TZ could name
    /// anything, /dev/zero included).</summary>
    private static byte[]? ReadOrNull(string path)
    {
        try
        {
            return SysFile.ReadAllBytes(path, 256 * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
