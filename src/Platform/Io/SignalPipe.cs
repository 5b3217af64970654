using System;
using System.Runtime.InteropServices;
using McProxy.Interop;

namespace McProxy.Platform.Io;

/// <summary>
/// Turns SIGTERM, SIGINT, SIGHUP and SIGUSR1 into bytes in a non-blocking pipe that the event
/// loop polls (the self-pipe trick), so all signal work happens on the loop's thread.
/// </summary>
internal sealed class SignalPipe : IDisposable
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGUSR1 = 10;
    public const int SIGTERM = 15;

    private readonly SafeFd _read;
    private readonly SafeFd _write;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly byte[] _buffer = new byte[64];

    public SignalPipe()
    {
        Errno e = Interop.Interop.Libc.Pipe(out _read, out _write);
        if (e != Errno.OK)
        {
            throw new ErrnoException("pipe2", e);
        }

        _registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
            // Raw signal numbers are accepted on Unix (SIGUSR1 has no PosixSignal name).
            PosixSignalRegistration.Create((PosixSignal)SIGUSR1, OnSignal),
        };
    }

    public int Fd => _read.Fd;

    /// <summary>Reads the pending signal numbers into <paramref name="signals"/>; returns the count.</summary>
    public int Drain(Span<int> signals)
    {
        int n = 0;
        while (n < signals.Length)
        {
            int got = Interop.Interop.Libc.Read(_read, _buffer, out _);
            if (got <= 0)
            {
                break;
            }

            for (int i = 0; i < got && n < signals.Length; i++)
            {
                signals[n++] = _buffer[i];
            }
        }

        return n;
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _registrations)
        {
            r.Dispose();
        }

        _read.Dispose();
        _write.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the runtime from acting on the signal (terminating); the loop decides.
        context.Cancel = true;
        int number = context.Signal switch
        {
            PosixSignal.SIGTERM => SIGTERM,
            PosixSignal.SIGINT => SIGINT,
            PosixSignal.SIGHUP => SIGHUP,
            _ => (int)context.Signal,
        };
        Span<byte> b = stackalloc byte[1];
        b[0] = (byte)number;
        Interop.Interop.Libc.Write(_write, b, out _);
    }
}
