using System;
using System.Text;
using McProxy.Cli;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Interop;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Io;
using McProxy.Runtime.Control;
using McProxy.Runtime.Loop;
using McProxy.Runtime.Status;

namespace McProxy.Runtime;

// Visibility: the -s status on stdout, the SIGUSR1 dump into the log, and the control socket
// that answers 'mcproxy show ...' and 'mcproxy reload'. All of it runs on the loop's thread.
internal sealed partial class Daemon
{
    /// <summary>-s prints a full dump at start and then every 2 s (mcproxy printed one instance every 2 s).</summary>
    public const long StatusIntervalMs = 2000;

    private StatusTicker? _statusTicker;
    private ControlServer? _control;
    private long _startedAt;
    private long _statusSkipped;

    /// <summary>Called once the instances run and privileges are dropped: starts -s output.</summary>
    private void StartStatus()
    {
        long now = _loop.Now;
        _startedAt = now;
        if (_options.Status)
        {
            PrintStatus(now);
            _statusTicker = new StatusTicker(_loop, StatusIntervalMs, PrintStatus);
            _statusTicker.Start(now);
        }
    }

    /// <summary>
    /// Opens the control socket; before the privilege drop (-u), so that the socket can be made
    /// in /var/run and a stale one left by a killed daemon can be replaced.
    /// </summary>
    private void StartControl()
    {
        string path = ControlPaths.ForDaemon(_config.Protocol.Family(), ControlPaths.Override);
        var server = new ControlServer(path, _loop, _log, HandleControl);
        Errno e = server.Start();
        if (e == Errno.EADDRINUSE)
        {
            throw new DaemonException(
                $"another mcproxy daemon answers on the control socket {path}; stop it, or give this one its own socket with {ControlPaths.Variable}=PATH",
                ExitCodes.Unavailable);
        }

        if (e != Errno.OK)
        {
            // The proxy itself works without it; say why 'mcproxy show' will not.
            string why = e == Errno.EEXIST ? "the path exists and is not a stale socket this daemon may replace; remove it" : e.Describe();
            _log.Warning($"control socket {path}: {why}; 'mcproxy show' and 'mcproxy reload' will not reach this daemon");
            return;
        }

        _control = server;
        _log.Info($"control socket {path} ready");
    }

    /// <summary>SIGUSR1: one full (-vv) dump into the log, line by line.</summary>
    private void DumpStatus()
    {
        string text = StatusTextWriter.Write(Snapshot(_loop.Now), StatusSection.Status, 2);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _log.Notice(line);
        }
    }

    /// <summary>What SIGHUP does, for 'mcproxy reload': answers "ok" or the configuration's diagnostics.</summary>
    private ControlReply RequestReload()
    {
        _log.Notice("reload requested on the control socket");
        // The same path as SIGHUP: the daemon logs the diagnostics; the client gets them too.
        string? problems = Reload(_loop.Now);
        return problems is null ? ControlReply.Ok("ok\n") : ControlReply.Error(ExitCodes.Config, problems.TrimEnd('\n') + "\n");
    }

    private ControlReply HandleControl(ControlRequest request)
    {
        if (request.Verb == ControlVerb.Reload)
        {
            return RequestReload();
        }

        _log.Debug($"control: show {request.Section.Name()}{(request.Json ? " --json" : string.Empty)}");
        StatusSnapshot snapshot = Snapshot(_loop.Now);
        return request.Json
            ? ControlReply.Ok(StatusJsonWriter.Write(snapshot, request.Section))
            : ControlReply.Ok(StatusTextWriter.Write(snapshot, request.Section, request.Detail));
    }

    /// <summary>-s: a whole dump per write burst to stdout; skipped (and counted) when stdout is not being read.</summary>
    private void PrintStatus(long now)
    {
        string text = StatusTextWriter.Write(Snapshot(now), StatusSection.Status, _options.Verbosity) + "\n";
        if (!StdoutWriter.TryWrite(Encoding.UTF8.GetBytes(text)))
        {
            if (_statusSkipped++ % 100 == 0)
            {
                _log.Info($"stdout does not take the status output; {_statusSkipped} dump(s) skipped so far");
            }
        }
    }

    private StatusSnapshot Snapshot(long now) =>
        StatusBuilder.Build(VersionInfo.Text, _config.Protocol.Name(), _options.ConfigPath, now - _startedAt, _instances, now,
            _loop.Faults, _failedReloads);

    private void StopStatusAndControl()
    {
        _statusTicker?.Stop();
        _statusTicker = null;
        _control?.Dispose();
        _control = null;
    }
}
