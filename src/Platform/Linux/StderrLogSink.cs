using System;
using System.Text;
using McProxy.Runtime;

namespace McProxy.Platform.Linux;

/// <summary>
/// Log lines to stderr (fd 2) with a monotonic-free wall-clock time when stderr is a terminal,
/// and a syslog-style "&lt;N&gt;" priority prefix otherwise (procd and systemd read it as the level).
/// Formats into a reused buffer; one write(2) per line.
/// </summary>
internal sealed class StderrLogSink : ILogSink
{
    private readonly bool _terminal;
    private readonly PosixTimeZone _zone;
    private readonly char[] _chars = new char[1024];
    private readonly byte[] _bytes = new byte[4096];

    public StderrLogSink(bool terminal)
    {
        _terminal = terminal;
        // Only a terminal gets timestamps (procd and journald add their own); the zone is read
        // once, from TZ, /etc/TZ or /etc/localtime (see LocalTimeZone), never through libc.
        _zone = terminal ? LocalTimeZone.Load() : PosixTimeZone.Utc;
    }

    /// <summary>"HH:mm:ss.fff " in local time.</summary>
    private int FormatLocalTime(Span<char> c)
    {
        long ticks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
        long seconds = ticks / TimeSpan.TicksPerSecond;
        int ms = (int)(ticks / TimeSpan.TicksPerMillisecond % 1000);
        long local = seconds + _zone.OffsetAt(seconds);
        long secondOfDay = ((local % 86400) + 86400) % 86400;
        int h = (int)(secondOfDay / 3600);
        int m = (int)(secondOfDay / 60 % 60);
        int s = (int)(secondOfDay % 60);

        Two(c, 0, h);
        c[2] = ':';
        Two(c, 3, m);
        c[5] = ':';
        Two(c, 6, s);
        c[8] = '.';
        c[9] = (char)('0' + (ms / 100));
        c[10] = (char)('0' + (ms / 10 % 10));
        c[11] = (char)('0' + (ms % 10));
        c[12] = ' ';
        return 13;
    }

    private static void Two(Span<char> c, int at, int value)
    {
        c[at] = (char)('0' + (value / 10 % 10));
        c[at + 1] = (char)('0' + (value % 10));
    }

    public void Write(LogLevel level, ReadOnlySpan<char> line)
    {
        int n = 0;
        Span<char> c = _chars;
        if (_terminal)
        {
            n = FormatLocalTime(c);
            string name = Log.Name(level);
            name.AsSpan().CopyTo(c[n..]);
            n += name.Length;
            c[n++] = ':';
            c[n++] = ' ';
        }
        else
        {
            c[n++] = '<';
            c[n++] = (char)('0' + Math.Min((int)level, 7));
            c[n++] = '>';
        }

        int bytes = Encoding.UTF8.GetBytes(c[..n], _bytes);
        ReadOnlySpan<char> rest = line.Length > 3000 ? line[..3000] : line;
        bytes += Encoding.UTF8.GetBytes(rest, _bytes.AsSpan(bytes, _bytes.Length - bytes - 1));
        _bytes[bytes++] = (byte)'\n';
        Interop.Interop.Libc.WriteRaw(2, _bytes.AsSpan(0, bytes));
    }
}
