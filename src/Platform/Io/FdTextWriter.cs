using System;
using System.IO;
using System.Text;
using McProxy.Interop;

namespace McProxy.Platform.Io;

/// <summary>
/// Standard output and error as UTF-8 text on file descriptors 1 and 2, flushed at every line
/// end. Replaces System.Console, whose terminal handling the daemon never uses and which costs
/// the AOT binary about 50 KB.
/// </summary>
internal sealed class FdTextWriter : TextWriter
{
    private readonly int _fd;
    private readonly StringBuilder _pending = new();

    private FdTextWriter(int fd)
    {
        _fd = fd;
    }

    public static FdTextWriter Out { get; } = new(1);

    public static FdTextWriter Error { get; } = new(2);

    public override Encoding Encoding => Encoding.UTF8;

    public bool IsTerminal => Interop.Interop.Libc.IsTerminal(_fd);

    public override void Write(char value)
    {
        _pending.Append(value);
        if (value == '\n')
        {
            Flush();
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        _pending.Append(value);
        if (value.Contains('\n'))
        {
            Flush();
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        _pending.Append(buffer);
        if (buffer.Contains('\n'))
        {
            Flush();
        }
    }

    public override void Flush()
    {
        if (_pending.Length == 0)
        {
            return;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(_pending.ToString());
        _pending.Clear();
        WriteBytes(bytes);
    }

    /// <summary>Writes raw bytes (after anything pending), retrying short writes and EINTR.</summary>
    public void WriteBytes(ReadOnlySpan<byte> data)
    {
        if (_pending.Length > 0)
        {
            Flush();
        }

        while (data.Length > 0)
        {
            int n = Interop.Interop.Libc.WriteRaw(_fd, data);
            if (n <= 0)
            {
                if (n < 0 && Interop.Interop.Libc.LastErrno == Errno.EINTR)
                {
                    continue;
                }

                return;
            }

            data = data[n..];
        }
    }
}
