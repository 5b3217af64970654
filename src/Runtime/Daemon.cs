using System;
using System.Collections.Generic;
using McProxy.Cli;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Interop;
using McProxy.Platform.Linux;
using McProxy.Protocol;

namespace McProxy.Runtime;

/// <summary>
/// The running proxy: one event loop, one <see cref="InstanceRuntime"/> per configured instance,
/// signals through a self-pipe (SIGTERM/SIGINT stop, SIGHUP reload, SIGUSR1 status dump), and
/// interfaces attached as they exist and are up (a missing interface is waited for, not fatal).
/// </summary>
internal sealed partial class Daemon : IReadHandler, IDisposable
{
    private readonly Options _options;
    private readonly Log _log;
    private readonly EventLoop _loop;
    private readonly SignalPipe _signals;
    private readonly List<InstanceRuntime> _instances = new();
    private readonly int[] _signalBuffer = new int[16];
    private ProxyConfig _config;

    public Daemon(Options options, ProxyConfig config, Log log)
    {
        _options = options;
        _config = config;
        _log = log;
        _loop = new EventLoop(new MonotonicClock(), new PollPoller());
        _signals = new SignalPipe();
        _loop.Register(_signals.Fd, this);
    }

    public int Run()
    {
        int[] tables = TableNumbers.Assign(_config);
        for (int i = 0; i < _config.Instances.Count; i++)
        {
            StartInstance(_config.Instances[i], tables[i]);
        }

        AttachInterfaces(_loop.Now);
        _log.Notice($"mcproxy {VersionInfo.Text} running: {_config.Protocol.Name()}, {_instances.Count} instance(s), config {_options.ConfigPath}");
        StartStatusAndControl();
        _loop.Run();
        _log.Notice("mcproxy stopping");
        return Cli.ExitCodes.Ok;
    }

    private void StartInstance(InstanceConfig instance, int table)
    {
        IFamilyKernel kernel;
        try
        {
            kernel = _config.Protocol.Family() == IpFamily.V4 ? new Ipv4Kernel(table) : new Ipv6Kernel(table);
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

        _instances.Add(new InstanceRuntime(instance, _config, table, kernel, _loop, _log));
    }

    /// <summary>Attaches every configured interface that exists now; the others are waited for.</summary>
    private void AttachInterfaces(long now)
    {
        foreach (InstanceRuntime instance in _instances)
        {
            for (int id = 0; id < instance.InterfaceCount; id++)
            {
                string name = instance.NameOf(id);
                int ifindex = Interop.Interop.Libc.IfNameToIndex(name);
                if (ifindex <= 0)
                {
                    _log.Warning($"{instance.Name}: interface {name} does not exist yet; waiting for it");
                    continue;
                }

                instance.Attach(id, ifindex, Addr.None, Addr.None, now);
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

    private void Reload(long now)
    {
        try
        {
            ProxyConfig next = ConfigLoader.Load(_options.ConfigPath);
            _log.Notice($"configuration {_options.ConfigPath} read; {(next == _config ? "unchanged" : "changed")}");
            _config = next;
        }
        catch (ConfigException e)
        {
            foreach (ConfigDiagnostic d in e.Diagnostics)
            {
                _log.Error(d.ToString());
            }

            _log.Error("reload failed; the running configuration stays in force");
        }
    }

    public void Dispose()
    {
        StopStatusAndControl();
        foreach (InstanceRuntime instance in _instances)
        {
            instance.Dispose();
        }

        _instances.Clear();
        _signals.Dispose();
    }
}
