using System;
using System.Collections.Generic;
using McProxy.Cli;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Interop;
using McProxy.Platform.Host;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime;

/// <summary>
/// The running proxy: one event loop, one <see cref="InstanceRuntime"/> per configured instance,
/// signals through a self-pipe (SIGTERM/SIGINT stop, SIGHUP reload, SIGUSR1 status dump), and
/// interfaces attached as they exist and are up by <see cref="InterfaceAttachment"/> (a missing
/// interface is waited for, not fatal).
/// </summary>
internal sealed partial class Daemon : IReadHandler, INetlinkListener, IDisposable
{
    private readonly Options _options;
    private readonly Log _log;
    private readonly EventLoop _loop;
    private readonly SignalPipe _signals;
    private readonly List<InstanceRuntime> _instances = new();
    private readonly int[] _signalBuffer = new int[16];
    private NetlinkWatcher? _netlink;
    private InterfaceAttachment? _attachment;
    private bool _inventoryChanged;
    private ProxyConfig _config;
    private readonly RateLimiter _faultLog = new(60_000);

    public Daemon(Options options, ProxyConfig config, Log log)
    {
        _options = options;
        _config = config;
        _log = log;
        _loop = new EventLoop(new MonotonicClock(), new PollPoller()) { OnFault = OnHandlerFault };
        _signals = new SignalPipe();
        _loop.Register(_signals.Fd, this);
    }

    public int Run()
    {
        // Upstream memberships spread over sockets (one per igmp_max_memberships groups), so very
        // large group counts need descriptors: take the hard limit the system allows.
        if (Interop.Interop.Libc.RaiseToHardLimit(Interop.Interop.Libc.RLIMIT_NOFILE, out ulong files) == Errno.OK)
        {
            _log.Debug($"open file limit {files}");
        }

        // The inventory first: instances attach what exists now and the rest as it appears.
        _netlink = NetlinkWatcher.Open(this);
        _loop.Register(_netlink.Fd.Fd, new NetlinkReader(this));
        _attachment = new InterfaceAttachment(_netlink.Inventory, OpenRpFilter(), _log);
        int[] tables = TableNumbers.Assign(_config);
        for (int i = 0; i < _config.Instances.Count; i++)
        {
            StartInstance(_config.Instances[i], tables[i]);
        }

        _attachment.Reconcile(_loop.Now);
        StartControl();
        DropPrivileges();
        _log.Notice($"mcproxy {VersionInfo.Text} running: {_config.Protocol.Name()}, {_instances.Count} instance(s), config {_options.ConfigPath}");
        StartStatus();
        _loop.Run();
        _log.Notice("mcproxy stopping");
        return Cli.ExitCodes.Ok;
    }

    private void StartInstance(InstanceConfig instance, int table, IMrouteSocket? opened = null)
    {
        IMrouteSocket kernel = opened ?? OpenKernel(instance, table, _config.Protocol.Family());
        var runtime = new InstanceRuntime(instance, _config, kernel, _loop, _log);
        _instances.Add(runtime);
        _attachment!.Add(runtime);
    }

    /// <summary>
    /// First puts back the rp_filter values a daemon that died (crash, SIGKILL, power cut with a
    /// persistent run directory) left changed; then, with -r, the filter that turns it off on
    /// upstreams, persisting what it changes next to the control socket.
    /// </summary>
    private RpFilter? OpenRpFilter()
    {
        if (_config.Protocol.Family() != IpFamily.V4)
        {
            return null;
        }

        string state = Control.ControlPaths.StateFile(Control.ControlPaths.ForDaemon(IpFamily.V4, Control.ControlPaths.Override), "rp_filter");
        try
        {
            List<string> restored = RpFilter.RestoreLeftovers(state);
            if (restored.Count > 0)
            {
                _log.Notice($"restored rp_filter of {string.Join(", ", restored)}: the last run did not exit cleanly ({state})");
            }
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            _log.Warning($"{state}: cannot restore the rp_filter values of the last run: {e.Message}");
        }

        if (!_options.ResetRpFilter)
        {
            return null;
        }

        try
        {
            return new RpFilter(statePath: state);
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            _log.Warning($"{state}: {e.Message}; rp_filter values changed by -r will not survive a crash");
            return new RpFilter();
        }
    }

    /// <summary>Takes the instance's kernel table; <see cref="DaemonException"/> with the reason when it cannot.</summary>
    private static IMrouteSocket OpenKernel(InstanceConfig instance, int table, IpFamily family)
    {
        try
        {
            return family == IpFamily.V4 ? MrouteSocket4.Open(table) : MrouteSocket6.Open(table);
        }
        catch (ErrnoException e) when (e.Errno == Errno.EADDRINUSE)
        {
            string which = table == 0 ? "the default multicast routing table" : $"multicast routing table {table}";
            throw new DaemonException(
                $"instance {instance.Name}: {which} is in use by another multicast router (another mcproxy, igmpproxy, smcroute or pimd?)",
                Cli.ExitCodes.Unavailable);
        }
        catch (ErrnoException e) when (e.Errno is Errno.ENOPROTOOPT or Errno.EOPNOTSUPP)
        {
            throw new DaemonException(
                $"instance {instance.Name}: the kernel lacks multicast routing{(table > 0 ? " with multiple tables" : string.Empty)} ({e.Message}); see 'mcproxy -c'",
                Cli.ExitCodes.Unavailable);
        }
    }

    // An exception escaped a read or timer handler: a bug, but one that must not end the service
    // (procd gives up after 5 crashes an hour). The loop has counted it (status: handler errors);
    // say so once a minute per handler and exception type, the stack trace at debug level.
    private void OnHandlerFault(Exception e, object handler)
    {
        string where = handler.GetType().Name;
        if (_faultLog.Allow(string.Concat(where, "\0", e.GetType().Name), _loop.Now, out long suppressed))
        {
            _log.Error($"internal error in {where}: {e.GetType().Name}: {e.Message}; carrying on" +
                (suppressed > 0 ? $" ({suppressed} more since the last message)" : string.Empty));
            _log.Debug(e.ToString());
        }
    }

    /// <summary>-u USER (or TOML "user"): everything privileged is open now; continue as that user
    /// with only CAP_NET_ADMIN and CAP_NET_RAW.</summary>
    private void DropPrivileges()
    {
        string? user = _options.User ?? _config.User;
        if (user is null)
        {
            return;
        }

        if (!PrivilegeDrop.To(user, out uint uid, out uint gid, out string error))
        {
            throw new DaemonException($"-u / user = {user}: {error}", Cli.ExitCodes.NoPermission);
        }

        _log.Notice($"running as {user} (uid {uid}, gid {gid}) with CAP_NET_ADMIN and CAP_NET_RAW only");
    }

    // INetlinkListener: something about the links or addresses changed. The inventory is the
    // truth; the attachments follow it once the whole batch has been read (NetlinkReader).
    public void LinkChanged(int ifindex, string name, bool up) => _inventoryChanged = true;

    public void LinkRemoved(int ifindex, string name) => _inventoryChanged = true;

    public void AddressChanged(int ifindex) => _inventoryChanged = true;

    /// <summary>Drains rtnetlink for the loop (Daemon's own read handler is the signal pipe).</summary>
    private sealed class NetlinkReader : IReadHandler, ITimerHandler
    {
        /// <summary>A re-dump that failed is tried again this much later.</summary>
        private const long ResyncRetryMs = 2000;

        private readonly Daemon _owner;
        private readonly Timer _retry;

        public NetlinkReader(Daemon owner)
        {
            _owner = owner;
            _retry = new Timer(this);
        }

        public void OnReadable(long now) => After(_owner._netlink!.OnReadable(), now);

        public void OnTimer(long now) => After(_owner._netlink!.Resync(), now);

        private void After(Errno e, long now)
        {
            if (e != Errno.OK)
            {
                _owner._log.Warning($"rtnetlink: {e.Describe()}" + (_owner._netlink!.ResyncFailed ? "; the interface list is read again shortly" : string.Empty));
            }

            if (_owner._netlink!.ResyncFailed)
            {
                _owner._loop.Timers.Arm(_retry, now + ResyncRetryMs);
            }

            if (_owner._inventoryChanged)
            {
                _owner._inventoryChanged = false;
                _owner._attachment!.Reconcile(now);
            }
        }
    }

    public void OnReadable(long now)
    {
        int n = _signals.Drain(_signalBuffer);
        for (int i = 0; i < n; i++)
        {
            switch (_signalBuffer[i])
            {
                case SignalPipe.SIGTERM:
                case SignalPipe.SIGINT:
                    _log.Notice($"received {(_signalBuffer[i] == SignalPipe.SIGTERM ? "SIGTERM" : "SIGINT")}");
                    _loop.Stop();
                    break;
                case SignalPipe.SIGHUP:
                    _log.Notice("received SIGHUP: reloading the configuration");
                    Reload(now);
                    break;
                case SignalPipe.SIGUSR1:
                    _log.Notice("received SIGUSR1: status dump follows");
                    DumpStatus();
                    break;
            }
        }
    }

    public void Dispose()
    {
        StopStatusAndControl();
        long now = _loop.Now;
        foreach (InstanceRuntime instance in _instances)
        {
            // Leave upstream groups explicitly (the kernel sends the leaves), then vifs go.
            _attachment?.Remove(instance, now);
            instance.Dispose();
        }

        _instances.Clear();
        _attachment?.Dispose();

        _netlink?.Dispose();
        _signals.Dispose();
    }
}
