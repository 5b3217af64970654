using System;
using System.Collections.Generic;
using McProxy.Config.Model;
using McProxy.Interop;
using McProxy.Platform.Multicast;
using McProxy.Protocol;
using McProxy.Protocol.Instance;
using McProxy.Protocol.Membership;
using McProxy.Protocol.Wire;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime;

/// <summary>
/// One configured instance on the loop: the kernel routing socket of its family and the pure
/// <see cref="InstanceCore"/>, joined by three adapters: the socket's descriptor drained into
/// the core, one <see cref="Timer"/> at the core's next deadline, and the core's port (kernel
/// calls with their log lines), implemented privately. Which interfaces are attached is
/// decided in one place, <see cref="InterfaceAttachment"/>.
/// </summary>
internal sealed partial class InstanceRuntime : IReadHandler, ITimerHandler, IInstancePort, IDisposable
{
    /// <summary>Datagrams read per readiness: a flood must not starve timers and the other descriptors.</summary>
    private const int ReceiveBudget = 256;

    private readonly Log _log;
    private readonly EventLoop _loop;
    private readonly IMrouteSocket _kernel;
    private readonly InstanceCore _core;
    private readonly Timer _timer;
    private readonly RateLimiter _dropLog = new(60_000);

    public InstanceRuntime(InstanceConfig config, ProxyConfig proxyConfig, IMrouteSocket kernel, EventLoop loop, Log log)
    {
        Config = config;
        _kernel = kernel;
        _loop = loop;
        _log = log;
        _timer = new Timer(this);
        _core = new InstanceCore(config, proxyConfig, this);
        loop.Register(kernel.Fd.Fd, this);
    }

    public string Name => _core.Name;

    public InstanceConfig Config { get; }

    public int Table => _kernel.Table;

    public IpFamily Family => _kernel.Family;

    public InstanceCore Core => _core;

    /// <summary>The kernel side, for <see cref="InterfaceAttachment"/> (vifs and report groups).</summary>
    public IMrouteSocket Kernel => _kernel;

    /// <summary>A reload kept this instance unchanged; later attachments use the new file's settings.</summary>
    public void UpdateConfig(ProxyConfig config) => _core.UpdateSettings(config);

    /// <summary>One timer for the whole instance, at the core's earliest deadline; call after driving the core from outside.</summary>
    public void Rearm() => _loop.Timers.Arm(_timer, _core.NextDeadline);

    public void OnReadable(long now)
    {
        var ev = default(KernelEvent);
        for (int i = 0; i < ReceiveBudget; i++)
        {
            if (!_kernel.TryReceive(ref ev, out Errno errno))
            {
                if (errno != Errno.OK && errno != Errno.EAGAIN && errno != Errno.EINTR)
                {
                    _log.Warning($"{Name}: receive failed: {errno.Describe()}");
                }

                break;
            }

            switch (ev.Kind)
            {
                case KernelEventKind.Upcall:
                    OnUpcall(now, ev.Upcall);
                    break;
                case KernelEventKind.Message:
                    if (_log.IsEnabled(LogLevel.Trace))
                    {
                        TraceMessage(ev.IfIndex, ev.Source, ev.Message);
                    }

                    _core.OnMessage(now, ev.IfIndex, ev.Source, ev.Message);
                    break;
                case KernelEventKind.Dropped:
                    OnDropped(now, ev.IfIndex, ev.Source, ev.Drop);
                    break;
            }
        }

        Rearm();
    }

    public void OnTimer(long now)
    {
        _core.OnTimer(now);
        Rearm();
    }

    public void Dispose()
    {
        _loop.Unregister(_kernel.Fd.Fd);
        _loop.Timers.Cancel(_timer);
        _kernel.Dispose();
    }

    private void OnUpcall(long now, in MrouteUpcall upcall)
    {
        if (upcall.Kind != UpcallKind.NoCache && upcall.Kind != UpcallKind.WrongVif)
        {
            return;
        }

        if (_log.IsEnabled(LogLevel.Debug) && (uint)upcall.Vif < (uint)_core.InterfaceCount && _core.IsAttached(upcall.Vif))
        {
            _log.Debug($"{Name}: data ({upcall.Source}, {upcall.Group}) on {_core.NameOf(upcall.Vif)} ({(upcall.Kind == UpcallKind.NoCache ? "no cache entry" : "wrong interface")})");
        }

        _core.OnData(now, upcall.Vif, upcall.Source, upcall.Group);
    }

    private void TraceMessage(int ifindex, Addr source, in MembershipMessage msg)
    {
        int id = _core.IdOf(ifindex);
        if (id >= 0 && _core.DownstreamOf(id) is not null)
        {
            _log.Write(LogLevel.Trace, $"{Name}: {_core.NameOf(id)}: {KindName(msg.Kind)} {msg.Version.Name()} {msg.Group} from {source}");
        }
    }

    private static string KindName(MessageKind kind) => kind switch
    {
        MessageKind.GeneralQuery => "general query",
        MessageKind.GroupQuery => "group query",
        MessageKind.GroupSourceQuery => "group-and-source query",
        MessageKind.V1Report => "v1 report",
        MessageKind.V2Report => "v2 report",
        MessageKind.Leave => "leave",
        MessageKind.V3Report => "v3 report",
        _ => "message",
    };

    private void OnDropped(long now, int ifindex, Addr source, DropReason reason)
    {
        int id = _core.OnDropped(ifindex, reason);
        if (_log.IsEnabled(LogLevel.Info))
        {
            string where = id >= 0 ? _core.NameOf(id) : $"ifindex {ifindex}";
            string key = string.Concat(where, source.ToString(), reason.Name());
            if (_dropLog.Allow(key, now, out long suppressed))
            {
                _log.Info($"{Name}: {where}: dropped a membership packet from {source}: {reason.Name()}" +
                    (suppressed > 0 ? $" ({suppressed} more suppressed)" : string.Empty));
            }
        }
    }

    // IMembershipDiagnostics: a flood hit a configured limit; say so, once a minute per interface and kind.
    void IMembershipDiagnostics.OnLimitRefused(int interfaceId, MembershipLimit limit, Addr group, Addr reporter)
    {
        string what = limit switch
        {
            MembershipLimit.Groups => "max_groups",
            MembershipLimit.SourcesPerGroup => "max_sources_per_group",
            MembershipLimit.GroupsPerHost => "host_share of max_groups",
            MembershipLimit.SourcesPerHost => "host_share of max_sources_per_group",
            _ => "max_hosts_per_group",
        };
        string where = _core.NameOf(interfaceId);
        if (_dropLog.Allow(string.Concat(where, "\0", what), _loop.Now, out long suppressed))
        {
            _log.Warning($"{Name}: {where}: {what} reached: refused {group} from {reporter}" +
                (suppressed > 0 ? $" ({suppressed} more refusals since the last message)" : string.Empty));
        }
    }

    // IMembershipDiagnostics: the core already limits this to one call per interval.
    void IMembershipDiagnostics.OnOlderQuerier(int interfaceId, Addr querier, ProtocolVersion heard, ProtocolVersion ours, long suppressed)
    {
        _log.Warning($"{Name}: {_core.NameOf(interfaceId)}: {heard.Name()} querier {querier} on a link configured for {ours.Name()}; " +
            "configure every router on the link for the same version (RFC 3376 §7.3.1)" +
            (suppressed > 0 ? $" ({suppressed} more older queries since the last message)" : string.Empty));
    }

    // IMembershipDiagnostics: once a minute per interface.
    void IMembershipDiagnostics.OnSsmIgnored(int interfaceId, Addr group, Addr reporter)
    {
        string where = _core.NameOf(interfaceId);
        if (_dropLog.Allow(string.Concat(where, "\0ssm"), _loop.Now, out long suppressed))
        {
            _log.Warning($"{Name}: {where}: ignored an any-source join of {group} from {reporter}: the group is in an SSM range " +
                "(only source-specific IGMPv3/MLDv2 joins count; see ssm_ranges)" +
                (suppressed > 0 ? $" ({suppressed} more since the last message)" : string.Empty));
        }
    }

    // IMembershipDiagnostics: once a minute per interface.
    void IMembershipDiagnostics.OnForgedLeave(int interfaceId, Addr group, Addr host, long suspendedMs)
    {
        string where = _core.NameOf(interfaceId);
        if (_dropLog.Allow(string.Concat(where, "\0forged-leave"), _loop.Now, out long suppressed))
        {
            _log.Warning($"{Name}: {where}: {host} answered the query for {group} right after its leave: a forged leave? " +
                $"Fast leave is off on {where} for {suspendedMs / 1000} s" +
                (suppressed > 0 ? $" ({suppressed} more since the last message)" : string.Empty));
        }
    }

    // IMembershipDiagnostics: once a minute per interface.
    void IMembershipDiagnostics.OnForeignQuerier(int interfaceId, Addr querier)
    {
        string where = _core.NameOf(interfaceId);
        if (_dropLog.Allow(string.Concat(where, "\0foreign-querier"), _loop.Now, out long suppressed))
        {
            _log.Warning($"{Name}: {where}: ignored a query from {querier}, which is no address of the link's subnets (forged?)" +
                (suppressed > 0 ? $" ({suppressed} more since the last message)" : string.Empty));
        }
    }

    void IUpstreamPort.SetMembership(int id, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        Errno e = _kernel.SetMembership(_core.IfIndexOf(id), group, mode, sources);
        if (e != Errno.OK)
        {
            _log.Warning($"{Name}: upstream {_core.NameOf(id)}: cannot subscribe {group}: {e.Describe()}");
        }
        else if (_log.IsEnabled(LogLevel.Info))
        {
            bool leave = mode == FilterMode.Include && sources.Length == 0;
            _log.Info(leave
                ? $"{Name}: upstream {_core.NameOf(id)}: left {group}"
                : $"{Name}: upstream {_core.NameOf(id)}: {group} {(mode == FilterMode.Include ? "INCLUDE" : "EXCLUDE")} {{{FormatSources(sources)}}}");
        }
    }

    void IInstancePort.SendQuery(int id, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources)
    {
        Errno e = _kernel.SendQuery(_core.IfIndexOf(id), source, destination, query, sources);
        if (e != Errno.OK)
        {
            _log.Warning($"{Name}: {_core.NameOf(id)}: cannot send query: {e.Describe()}");
        }
        else if (_log.IsEnabled(LogLevel.Debug))
        {
            _log.Debug($"{Name}: {_core.NameOf(id)}: sent {query.Version.Name()} " +
                (query.IsGeneral ? "general query" : $"query for {query.Group}" + (sources.Length > 0 ? $" ({sources.Length} sources)" : string.Empty)));
        }
    }

    // The core says this once per interface until the address arrives (then the startup queries go out).
    void IInstancePort.QueryNotSent(int id, in QueryMessage query) =>
        _log.Warning($"{Name}: {_core.NameOf(id)}: no usable IPv6 link-local address yet: MLD queries wait for one (RFC 3810 §5.1.14)");

    // IRoutePort: interface ids are the vif numbers of this instance's table.
    void IRoutePort.SetRoute(Addr source, Addr group, int inputId, uint outputMask)
    {
        Errno e = _kernel.AddMfc(source, group, inputId, outputMask);
        if (e != Errno.OK)
        {
            _log.Warning($"{Name}: cannot install route ({source}, {group}): {e.Describe()}");
        }
        else if (_log.IsEnabled(LogLevel.Debug))
        {
            _log.Debug($"{Name}: route ({source}, {group}) {_core.NameOf(inputId)} -> {FormatMask(outputMask)}");
        }
    }

    void IRoutePort.RemoveRoute(Addr source, Addr group, int inputId)
    {
        Errno e = _kernel.DelMfc(source, group, inputId);
        if (e != Errno.OK && e != Errno.ENOENT)
        {
            _log.Warning($"{Name}: cannot remove route ({source}, {group}): {e.Describe()}");
        }
        else if (_log.IsEnabled(LogLevel.Debug))
        {
            _log.Debug($"{Name}: route ({source}, {group}) removed");
        }
    }

    bool IRoutePort.TryGetPacketCount(Addr source, Addr group, int inputId, out ulong packets)
    {
        bool known = _kernel.GetCounters(source, group, out RouteCounters counters) == Errno.OK;
        packets = counters.Packets;
        return known;
    }

    private string FormatMask(uint mask)
    {
        if (mask == 0)
        {
            return "(none)";
        }

        var names = new List<string>();
        for (int i = 0; i < _core.InterfaceCount; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                names.Add(_core.NameOf(i));
            }
        }

        return string.Join(' ', names);
    }

    private static string FormatSources(ReadOnlySpan<Addr> sources)
    {
        var parts = new string[sources.Length];
        for (int i = 0; i < sources.Length; i++)
        {
            parts[i] = sources[i].ToString();
        }

        return string.Join(", ", parts);
    }
}
