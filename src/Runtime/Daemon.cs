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
internal sealed partial class Daemon : IReadHandler, INetlinkListener, IDisposable
{
    private readonly Options _options;
    private readonly Log _log;
    private readonly EventLoop _loop;
    private readonly SignalPipe _signals;
    private readonly List<InstanceRuntime> _instances = new();
    private readonly int[] _signalBuffer = new int[16];
    private NetlinkWatcher? _netlink;
    private PolicyRules? _rules;
    private RpFilter? _rpFilter;
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
        // Upstream memberships spread over sockets (one per igmp_max_memberships groups), so very
        // large group counts need descriptors: take the hard limit the system allows.
        if (Interop.Interop.Libc.RaiseToHardLimit(Interop.Interop.Libc.RLIMIT_NOFILE, out ulong files) == Errno.OK)
        {
            _log.Debug($"open file limit {files}");
        }

        // The inventory first: instances attach what exists now and the rest as it appears.
        _netlink = NetlinkWatcher.Open(this);
        _loop.Register(_netlink.Fd.Fd, new NetlinkReader(this));
        if (_options.ResetRpFilter)
        {
            _rpFilter = new RpFilter();
        }

        int[] tables = TableNumbers.Assign(_config);
        for (int i = 0; i < _config.Instances.Count; i++)
        {
            StartInstance(_config.Instances[i], tables[i]);
        }

        AttachInterfaces(_instances, _loop.Now);
        DropPrivileges();
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

        var runtime = new InstanceRuntime(instance, _config, table, kernel, _loop, _log);
        _instances.Add(runtime);
        if (table > 0)
        {
            AddPolicyRules(runtime);
        }
    }

    /// <summary>
    /// An instance with its own table needs the kernel told which packets look there: "iif IF
    /// lookup N" and "oif IF lookup N" multicast rules per interface (what mcproxy ran `ip mrule`
    /// for). Rules name interfaces, so they can be set before the interfaces exist.
    /// </summary>
    private void AddPolicyRules(InstanceRuntime instance)
    {
        _rules ??= PolicyRules.Open();
        for (int id = 0; id < instance.InterfaceCount; id++)
        {
            string name = instance.NameOf(id);
            foreach (bool input in new[] { true, false })
            {
                Errno e = _rules.Add(instance.Family, input, name, instance.Table);
                if (e != Errno.OK)
                {
                    throw new DaemonException(
                        $"instance {instance.Name}: cannot add the multicast policy rule '{(input ? "iif" : "oif")} {name} lookup {instance.Table}': {e.Describe()}",
                        Cli.ExitCodes.OsError);
                }
            }
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

    private void RemovePolicyRules(InstanceRuntime instance)
    {
        if (instance.Table == 0 || _rules is null)
        {
            return;
        }

        for (int id = 0; id < instance.InterfaceCount; id++)
        {
            _rules.Remove(instance.Family, true, instance.NameOf(id), instance.Table);
            _rules.Remove(instance.Family, false, instance.NameOf(id), instance.Table);
        }
    }

    /// <summary>Attaches every interface of <paramref name="instances"/> that exists and is up; the others are waited for.</summary>
    private void AttachInterfaces(List<InstanceRuntime> instances, long now)
    {
        foreach (InstanceRuntime instance in instances)
        {
            for (int id = 0; id < instance.InterfaceCount; id++)
            {
                string name = instance.NameOf(id);
                int ifindex = _netlink!.Inventory.IndexOf(name);
                if (ifindex <= 0)
                {
                    _log.Warning($"{instance.Name}: interface {name} does not exist yet; waiting for it");
                    continue;
                }

                if (!_netlink.Inventory.TryGet(ifindex, out InterfaceState state) || !state.IsUp)
                {
                    _log.Warning($"{instance.Name}: interface {name} is down; waiting for it to come up");
                    continue;
                }

                Attach(instance, id, state, now);
            }
        }
    }

    private void Attach(InstanceRuntime instance, int id, InterfaceState state, long now)
    {
        if (_rpFilter is not null && instance.Family == IpFamily.V4)
        {
            try
            {
                _rpFilter.Disable(state.Name);
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or ArgumentException)
            {
                _log.Warning($"{state.Name}: cannot reset rp_filter: {e.Message}");
            }
        }

        Addr v4 = state.V4Addresses.Count > 0 ? state.V4Addresses[0] : Addr.None;
        instance.Attach(id, state.IfIndex, v4, state.LinkLocal, now);
        instance.UpdateSubnets(id, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(state.V4Subnets));
    }

    // INetlinkListener: a configured interface appeared, came up, went down, was renamed or removed.
    public void LinkChanged(int ifindex, string name, bool up)
    {
        long now = _loop.Now;
        foreach (InstanceRuntime instance in _instances)
        {
            for (int id = 0; id < instance.InterfaceCount; id++)
            {
                bool named = instance.NameOf(id) == name;
                bool wasThis = instance.IfIndexOf(id) == ifindex;
                if (named && up && _netlink!.Inventory.TryGet(ifindex, out InterfaceState state))
                {
                    if (!wasThis)
                    {
                        Attach(instance, id, state, now);
                    }
                }
                else if (wasThis && (!named || !up))
                {
                    _log.Notice($"{instance.Name}: {instance.NameOf(id)} is {(up ? "renamed to " + name : "down")}; waiting for it");
                    instance.Detach(id, now);
                }
            }
        }
    }

    public void LinkRemoved(int ifindex, string name)
    {
        long now = _loop.Now;
        foreach (InstanceRuntime instance in _instances)
        {
            for (int id = 0; id < instance.InterfaceCount; id++)
            {
                if (instance.IfIndexOf(id) == ifindex)
                {
                    _log.Notice($"{instance.Name}: {name} was removed; waiting for it to come back");
                    instance.Detach(id, now);
                }
            }
        }
    }

    public void AddressChanged(int ifindex)
    {
        if (!_netlink!.Inventory.TryGet(ifindex, out InterfaceState state))
        {
            return;
        }

        Addr v4 = state.V4Addresses.Count > 0 ? state.V4Addresses[0] : Addr.None;
        foreach (InstanceRuntime instance in _instances)
        {
            for (int id = 0; id < instance.InterfaceCount; id++)
            {
                if (instance.IfIndexOf(id) == ifindex)
                {
                    instance.UpdateAddresses(id, v4, state.LinkLocal);
                    instance.UpdateSubnets(id, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(state.V4Subnets));
                }
            }
        }
    }

    /// <summary>Drains rtnetlink for the loop (Daemon's own read handler is the signal pipe).</summary>
    private sealed class NetlinkReader : IReadHandler
    {
        private readonly Daemon _owner;

        public NetlinkReader(Daemon owner)
        {
            _owner = owner;
        }

        public void OnReadable(long now)
        {
            Errno e = _owner._netlink!.OnReadable();
            if (e != Errno.OK)
            {
                _owner._log.Warning($"rtnetlink: {e.Describe()}");
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
        foreach (InstanceRuntime instance in _instances)
        {
            instance.Dispose();
        }

        _instances.Clear();
        _rules?.Dispose();
        if (_rpFilter is not null)
        {
            foreach (string failed in _rpFilter.Restore())
            {
                _log.Warning($"{failed}: could not restore rp_filter");
            }
        }

        _netlink?.Dispose();
        _signals.Dispose();
    }
}
