using System;
using System.Text;
using McProxy.Cli;
using McProxy.Interop;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Io;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Control;

/// <summary>
/// One accepted control client: collects its request line (bounded, with a deadline), answers
/// with one write and closes. Only root may ask (checked with SO_PEERCRED as well as by the
/// socket file's mode 0600).
/// </summary>
internal sealed class ControlConnection : IReadHandler, ITimerHandler
{
    private readonly ControlServer _server;
    private readonly SafeFd _fd;
    private readonly Timer _timer;
    private readonly byte[] _buffer = new byte[ControlRequest.MaxLength];
    private int _count;
    private bool _closed;

    public ControlConnection(ControlServer server, SafeFd fd, long now)
    {
        _server = server;
        _fd = fd;
        _timer = new Timer(this);
        server.Loop.Register(fd.Fd, this);
        server.Loop.Timers.Arm(_timer, now + ControlServer.ClientTimeoutMs);
    }

    public void OnReadable(long now)
    {
        int n = Interop.Interop.Libc.Read(_fd, _buffer.AsSpan(_count), out Errno e);
        if (n < 0 && (e == Errno.EAGAIN || e == Errno.EINTR))
        {
            return;
        }

        if (n <= 0)
        {
            Close();
            return;
        }

        _count += n;
        int eol = _buffer.AsSpan(0, _count).IndexOf((byte)'\n');
        if (eol >= 0)
        {
            Answer(Encoding.UTF8.GetString(_buffer, 0, eol));
        }
        else if (_count == _buffer.Length)
        {
            Answer(null);
        }
    }

    public void OnTimer(long now)
    {
        _server.Log.Debug($"control socket {_server.Path}: a client sent no request within {ControlServer.ClientTimeoutMs} ms; dropped");
        Close();
    }

    private void Answer(string? line)
    {
        ControlReply reply;
        if (UnixSocket.PeerUid(_fd) != 0)
        {
            reply = ControlReply.Error(ExitCodes.NoPermission, "the control socket is root only\n");
        }
        else if (line is null || !ControlRequest.TryParse(line, out ControlRequest request))
        {
            reply = ControlReply.Error(ExitCodes.Usage, "unknown request (expected 'show SECTION text|json DETAIL' or 'reload')\n");
        }
        else
        {
            reply = Handle(request);
        }

        Send(reply.Encode());
        Close();
    }

    private ControlReply Handle(ControlRequest request)
    {
        try
        {
            return _server.Handle(request);
        }
        catch (Exception ex)
        {
            // A bug in a status path must not take the proxy down; tell the client and the log.
            _server.Log.Error($"control request failed: {ex.GetType().Name}: {ex.Message}");
            return ControlReply.Error(ExitCodes.Software, $"internal error: {ex.Message}\n");
        }
    }

    private void Send(byte[] answer)
    {
        if (answer.Length > 64 * 1024)
        {
            UnixSocket.GrowSendBuffer(_fd, answer.Length + 4096);
        }

        int n = Interop.Interop.Libc.Write(_fd, answer, out Errno e);
        if (n != answer.Length)
        {
            _server.Log.Info($"control socket {_server.Path}: answer of {answer.Length} bytes did not fit the socket buffer " +
                $"({(n < 0 ? e.Describe() : $"{n} written")}); dropped");
        }
    }

    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _server.Loop.Unregister(_fd.Fd);
        _server.Loop.Timers.Cancel(_timer);
        _fd.Dispose();
        _server.Remove(this);
    }
}
