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
    private readonly char[] _chars = new char[1024];
    private readonly byte[] _bytes = new byte[4096];

    public StderrLogSink(bool terminal)
    {
        _terminal = terminal;
    }

    public void Write(LogLevel level, ReadOnlySpan<char> line)
    {
        int n = 0;
        Span<char> c = _chars;
        if (_terminal)
        {
            DateTime t = DateTime.Now;
            t.TryFormat(c, out n, "HH:mm:ss.fff ");
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
