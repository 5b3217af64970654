using System;
using System.IO;
using System.Text;
using McProxy.Interop;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Io;
using McProxy.Runtime;
using McProxy.Runtime.Control;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;
using McProxy.Runtime.Status;
using Xunit;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Status;

/// <summary>The control server on a real AF_UNIX socket in a temporary directory, driven pass by pass.</summary>
public sealed class ControlServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcproxy-ctl-").FullName;
    private readonly ManualClock _clock = new();
    private readonly EventLoop _loop;
    private readonly Log _log = new(new StringLogSink(), LogLevel.Debug);
    private readonly Timer _guard = new(new Nothing());

    public ControlServerTests()
    {
        _loop = new EventLoop(_clock, new PollPoller());
    }

    /// <summary>One loop pass that never blocks for long: a guard timer bounds poll's timeout.</summary>
    private void Pump()
    {
        _loop.Timers.Arm(_guard, _clock.NowMs + 100);
        _loop.RunOnce();
    }

    private string SocketPath => Path.Combine(_dir, "ctl.sock");

    private static bool IsRoot => Libc.EffectiveUserId == 0;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ControlServer StartServer(Func<ControlRequest, ControlReply>? handler = null)
    {
        var server = new ControlServer(SocketPath, _loop, _log,
            handler ?? (r => ControlReply.Ok($"{r.Verb} {r.Section.Name()} {(r.Json ? "json" : "text")} {r.Detail}\n")));
        Assert.Equal(Errno.OK, server.Start());
        return server;
    }

    private SafeFd Connect()
    {
        Assert.Equal(Errno.OK, UnixSocket.Connect(SocketPath, out SafeFd fd));
        return fd;
    }

    private static void Send(SafeFd fd, string text) =>
        Assert.Equal(text.Length, Libc.Write(fd, Encoding.ASCII.GetBytes(text), out _));

    /// <summary>Runs loop passes until the server closes the client's connection; returns what it sent.</summary>
    private string Exchange(SafeFd fd)
    {
        var answer = new MemoryStream();
        byte[] buffer = new byte[4096];
        for (int pass = 0; pass < 20; pass++)
        {
            Pump();
            while (true)
            {
                int n = Libc.Read(fd, buffer, out Errno e);
                if (n == 0)
                {
                    return Encoding.UTF8.GetString(answer.ToArray());
                }

                if (n < 0)
                {
                    Assert.Equal(Errno.EAGAIN, e);
                    break;
                }

                answer.Write(buffer, 0, n);
            }
        }

        throw new InvalidOperationException("the server did not close the connection");
    }

    [Fact]
    public void Answers_OneRequest_ThenCloses()
    {
        using ControlServer server = StartServer();
        using SafeFd client = Connect();
        Send(client, "show routes json 1\n");
        string answer = Exchange(client);
        Assert.Equal(IsRoot ? "OK 19\nShow routes json 1\n" : "ERROR 77 31\nthe control socket is root only\n", answer);
        Assert.Equal(0, server.ConnectionCount);
    }

    [Fact]
    public void RequestSplitOverWrites_IsCollected()
    {
        using ControlServer server = StartServer();
        using SafeFd client = Connect();
        Send(client, "show gro");
        Pump();
        Pump();
        Send(client, "ups\n");
        Assert.EndsWith(IsRoot ? "Show groups text 0\n" : "root only\n", Exchange(client), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOrOverlongRequest_GetsUsageError()
    {
        using ControlServer server = StartServer();
        using (SafeFd a = Connect())
        {
            Send(a, "format c:\n");
            Assert.StartsWith(IsRoot ? "ERROR 64 " : "ERROR 77 ", Exchange(a), StringComparison.Ordinal);
        }

        using SafeFd b = Connect();
        Send(b, new string('x', ControlRequest.MaxLength));
        Assert.StartsWith(IsRoot ? "ERROR 64 " : "ERROR 77 ", Exchange(b), StringComparison.Ordinal);
    }

    [Fact]
    public void HandlerException_IsAnsweredNotThrown()
    {
        using ControlServer server = StartServer(_ => throw new InvalidOperationException("boom"));
        using SafeFd client = Connect();
        Send(client, "show\n");
        Assert.StartsWith(IsRoot ? "ERROR 70 " : "ERROR 77 ", Exchange(client), StringComparison.Ordinal);
    }

    [Fact]
    public void SilentClient_IsDroppedAfterTheTimeout()
    {
        using ControlServer server = StartServer();
        using SafeFd client = Connect();
        Pump();
        Assert.Equal(1, server.ConnectionCount);
        _clock.NowMs += ControlServer.ClientTimeoutMs;
        Pump();
        Assert.Equal(0, server.ConnectionCount);
        Assert.Equal(0, Libc.Read(client, new byte[16], out _));
    }

    [Fact]
    public void Socket_IsRootOnly_AndRemovedOnDispose()
    {
        ControlServer server = StartServer();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(SocketPath));
        server.Dispose();
        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public void LiveSocket_IsNotTakenOver()
    {
        using ControlServer first = StartServer();
        var second = new ControlServer(SocketPath, _loop, _log, _ => ControlReply.Ok("second\n"));
        Assert.Equal(Errno.EADDRINUSE, second.Start());
        Assert.True(File.Exists(SocketPath));
    }

    [Fact]
    public void StaleSocket_IsReplaced()
    {
        Assert.Equal(Errno.OK, UnixSocket.Listen(SocketPath, 1, out SafeFd old));
        old.Dispose();
        Assert.True(File.Exists(SocketPath));
        using ControlServer server = StartServer();
        using SafeFd client = Connect();
        Send(client, "reload\n");
        Assert.EndsWith(IsRoot ? "Reload status text 0\n" : "root only\n", Exchange(client), StringComparison.Ordinal);
    }

    [Fact]
    public void ARegularFileAtThePath_IsNeverRemoved()
    {
        // Issue 13 item 8: connect(2) says ECONNREFUSED for a regular file too; only a socket
        // may be unlinked as stale.
        File.WriteAllText(SocketPath, "precious\n");
        var server = new ControlServer(SocketPath, _loop, _log, _ => ControlReply.Ok("x\n"));
        Assert.Equal(Errno.EEXIST, server.Start());
        server.Dispose();
        Assert.Equal("precious\n", File.ReadAllText(SocketPath));
        Assert.False(UnixSocket.IsSocket(SocketPath));
        Assert.False(UnixSocket.IsSocket(_dir));
        Assert.False(UnixSocket.IsSocket(Path.Combine(_dir, "none")));
    }

    private sealed class Nothing : ITimerHandler
    {
        public void OnTimer(long now)
        {
        }
    }

    private sealed class ManualClock : IClock
    {
        public long NowMs { get; set; } = 1_000;
    }
}
