using System;
using System.Collections.Generic;
using McProxy.Interop;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Io;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Control;

/// <summary>
/// The daemon's control socket: a non-blocking AF_UNIX stream listener on the event loop. Each
/// client sends one request line, gets one answer and is disconnected. Nothing here blocks: a
/// client that does not send its line within <see cref="ClientTimeoutMs"/> is dropped, and so is
/// an answer that does not fit the socket's send buffer at once.
/// </summary>
internal sealed class ControlServer : IReadHandler, IDisposable
{
    public const int MaxConnections = 8;
    public const long ClientTimeoutMs = 2000;
    private readonly EventLoop _loop;
    private readonly Log _log;
    private readonly Func<ControlRequest, ControlReply> _handler;
    private readonly List<ControlConnection> _connections = new();
    private SafeFd? _listener;

    public ControlServer(string path, EventLoop loop, Log log, Func<ControlRequest, ControlReply> handler)
    {
        Path = path;
        _loop = loop;
        _log = log;
        _handler = handler;
    }

    public string Path { get; }

    public int ConnectionCount => _connections.Count;

    internal EventLoop Loop => _loop;

    internal Log Log => _log;

    /// <summary>
    /// Listens on <see cref="Path"/>. A socket file nobody answers on (left by a crash) is
    /// replaced; when another daemon answers there, returns EADDRINUSE and touches nothing.
    /// Anything else at the path (a regular file, a directory) is left alone: EEXIST. A stale
    /// socket that cannot be removed (not ours to remove) is EEXIST too, never EADDRINUSE: the
    /// daemon runs on without its control socket instead of exiting at every start.
    /// </summary>
    public Errno Start()
    {
        Errno probe = UnixSocket.Connect(Path, out SafeFd connection);
        connection.Dispose();
        if (probe == Errno.OK || probe == Errno.EAGAIN)
        {
            // Someone listens there (EAGAIN: its backlog is full, it is alive all the same).
            return Errno.EADDRINUSE;
        }

        if (probe == UnixSocket.ConnectionRefused)
        {
            if (!UnixSocket.IsSocket(Path))
            {
                return Errno.EEXIST;
            }

            // A socket file nobody listens on: left behind by a daemon that was killed.
            UnixSocket.Unlink(Path);
        }

        Errno e = UnixSocket.Listen(Path, MaxConnections, out SafeFd listener);
        if (e != Errno.OK)
        {
            listener.Dispose();
            return e == Errno.EADDRINUSE ? Errno.EEXIST : e;
        }

        _listener = listener;
        _loop.Register(listener.Fd, this);
        return Errno.OK;
    }

    public void OnReadable(long now)
    {
        if (_listener is null)
        {
            return;
        }

        for (int i = 0; i < MaxConnections; i++)
        {
            Errno e = UnixSocket.Accept(_listener, out SafeFd connection);
            if (e != Errno.OK)
            {
                if (e != Errno.EAGAIN && e != Errno.EINTR)
                {
                    _log.Warning($"control socket {Path}: accept failed: {e.Describe()}");
                }

                return;
            }

            if (_connections.Count >= MaxConnections)
            {
                // Too many clients at once: refuse this one rather than queue work.
                connection.Dispose();
                continue;
            }

            _connections.Add(new ControlConnection(this, connection, now));
        }
    }

    internal ControlReply Handle(ControlRequest request) => _handler(request);

    internal void Remove(ControlConnection connection) => _connections.Remove(connection);

    public void Dispose()
    {
        for (int i = _connections.Count - 1; i >= 0; i--)
        {
            _connections[i].Close();
        }

        if (_listener is not null)
        {
            _loop.Unregister(_listener.Fd);
            _listener.Dispose();
            _listener = null;
            if (UnixSocket.IsSocket(Path))
            {
                UnixSocket.Unlink(Path);
            }
        }
    }
}
