using System;
using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Io;

/// <summary>
/// Writes the periodic status (-s) to stdout without ever blocking the event loop: stdout may be
/// a pipe nobody reads or a terminal stopped with ^S. Before each chunk of at most PIPE_BUF bytes
/// (which a pipe with room takes whole) poll(2) with a zero timeout asks whether stdout can take
/// it; when it cannot, the rest of the dump is dropped. The descriptor's flags stay untouched
/// (setting O_NONBLOCK would change them for the shell sharing the terminal).
/// </summary>
internal static class StdoutWriter
{
    private const int Stdout = 1;
    private const int PipeBuf = 4096;

    /// <summary>Returns false when (part of) <paramref name="data"/> was dropped.</summary>
    public static bool TryWrite(ReadOnlySpan<byte> data)
    {
        Span<Libc.pollfd> p = stackalloc Libc.pollfd[1];
        while (data.Length > 0)
        {
            p[0].fd = Stdout;
            p[0].events = Libc.POLLOUT;
            p[0].revents = 0;
            if (Libc.Poll(p, 1, 0, out _) <= 0 || (p[0].revents & Libc.POLLOUT) == 0)
            {
                return false;
            }

            int n = Libc.WriteRaw(Stdout, data[..Math.Min(data.Length, PipeBuf)]);
            if (n <= 0)
            {
                return false;
            }

            data = data[n..];
        }

        return true;
    }
}
