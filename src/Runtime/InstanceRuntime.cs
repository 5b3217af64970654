using System;
using McProxy.Config.Model;
using McProxy.Interop;
using McProxy.Platform.Linux;
using McProxy.Protocol;
using McProxy.Protocol.Membership;
using McProxy.Protocol.Proxying;
using McProxy.Protocol.Querier;
using McProxy.Protocol.Wire;

namespace McProxy.Runtime;

/// <summary>
/// One configured instance on the kernel: its routing socket, the querier and membership table
/// of each downstream, and the RFC 4605 core. Implements the core's upstream and route ports by
/// translating interface ids (= vif numbers in the instance's table) to ifindexes. Everything
/// runs on the event loop's thread; one <see cref="Timer"/> covers every deadline of the instance.
/// </summary>
internal sealed partial class InstanceRuntime : IReadHandler, ITimerHandler, IUpstreamPort, IRoutePort, IMembershipDiagnostics, IDisposable
{
    private const int MaxSources = 4096;
    private readonly InstanceConfig _config;
    private ProxyConfig _proxyConfig;
    private readonly Log _log;
    private readonly EventLoop _loop;
    private readonly IFamilyKernel _kernel;
    private readonly ProxyInstance _proxy;
    private readonly Timer _timer;
    private readonly DownstreamInterface?[] _downstreams;
    private readonly int[] _ifindex;
    private readonly Addr[] _linkLocal;
    private readonly Addr[] _ownAddress;
    private readonly Addr[] _sources = new Addr[MaxSources];
    private readonly RateLimiter _dropLog = new(60_000);
    // Packets dropped by reason, one row per interface id plus a last row for "arrival unknown".
    private readonly long[] _drops;

    public InstanceRuntime(InstanceConfig config, ProxyConfig proxyConfig, int table, IFamilyKernel kernel, EventLoop loop, Log log)
    {
        _config = config;
        _proxyConfig = proxyConfig;
        Table = table;
        _kernel = kernel;
        _loop = loop;
        _log = log;
        _timer = new Timer(this);
        _proxy = new ProxyInstance(config, proxyConfig.ProxySsdp, this, this);
        int n = _proxy.InterfaceCount;
        _downstreams = new DownstreamInterface?[n];
        _ifindex = new int[n];
        _linkLocal = new Addr[n];
        _ownAddress = new Addr[n];
        _drops = new long[(n + 1) * DropReasonExtensions.Count];
        loop.Register(kernel.Fd.Fd, this);
    }

    public string Name => _config.Name;

    public InstanceConfig Config => _config;

    /// <summary>A reload kept this instance unchanged; later attachments use the new file's settings.</summary>
    public void UpdateConfig(ProxyConfig config) => _proxyConfig = config;

    public int Table { get; }

    public ProxyInstance Proxy => _proxy;

    public IpFamily Family => _kernel.Family;

    public int InterfaceCount => _proxy.InterfaceCount;

    /// <summary>Packets dropped by reason over the whole instance (index = <see cref="DropReason"/>).</summary>
    public long[] Drops
    {
        get
        {
            var total = new long[DropReasonExtensions.Count];
            for (int i = 0; i < _drops.Length; i++)
            {
                total[i % DropReasonExtensions.Count] += _drops[i];
            }

            return total;
        }
    }

    /// <summary>Packets dropped by reason that arrived on interface <paramref name="id"/>.</summary>
    public ReadOnlySpan<long> DropsOf(int id) => _drops.AsSpan(id * DropReasonExtensions.Count, DropReasonExtensions.Count);

    public string NameOf(int id) => _proxy.NameOf(id);

    public int IfIndexOf(int id) => _ifindex[id];

    public DownstreamInterface? DownstreamOf(int id) => _downstreams[id];

    public bool IsAttached(int id) => _ifindex[id] > 0;

    /// <summary>
    /// The interface named by id <paramref name="id"/> exists and is up as <paramref name="ifindex"/>:
    /// give it its vif, start its querier (downstreams) and let the core count it.
    /// </summary>
    public bool Attach(int id, int ifindex, Addr ownAddress, Addr linkLocal, long now)
    {
        if (_ifindex[id] == ifindex)
        {
            UpdateAddresses(id, ownAddress, linkLocal);
            return true;
        }

        if (_ifindex[id] > 0)
        {
            Detach(id, now);
        }

        string name = _proxy.NameOf(id);
        Errno e = _kernel.AddVif(id, ifindex);
        if (e != Errno.OK)
        {
            _log.Error($"{Name}: cannot add vif {id} for {name} (ifindex {ifindex}): {e.Describe()}");
            return false;
        }

        _ifindex[id] = ifindex;
        _linkLocal[id] = linkLocal;
        _ownAddress[id] = ownAddress;
        if (_proxy.IsDownstream(id))
        {
            e = _kernel.JoinRouterGroups(ifindex);
            if (e != Errno.OK)
            {
                _log.Warning($"{Name}: {name}: cannot join the report groups: {e.Describe()}");
            }

            var port = new QueryPort(this, id);
            var downstream = new DownstreamInterface(id, _proxyConfig.Protocol, _proxyConfig.SettingsFor(name), port, _proxy);
            // Querier election compares the querier's source address: IPv4 the interface address,
            // MLD the link-local address (RFC 3376 §6.6.2, RFC 3810 §7.6.2).
            downstream.SetOwnAddress(Family == IpFamily.V6 ? linkLocal : ownAddress);
            downstream.Diagnostics = this;
            _downstreams[id] = downstream;
            _proxy.AttachDownstream(id, downstream);
            downstream.Start(now);
        }

        _proxy.OnInterfaceUp(id);
        _log.Notice($"{Name}: {(_proxy.IsUpstream(id) ? (_proxy.IsDownstream(id) ? "peering" : "upstream") : "downstream")} {name} attached (ifindex {ifindex}, vif {id})");
        Rearm();
        return true;
    }

    /// <summary>Refreshes the addresses used as querier identity and MLD query source.</summary>
    public void UpdateAddresses(int id, Addr ownAddress, Addr linkLocal)
    {
        _linkLocal[id] = linkLocal;
        _ownAddress[id] = ownAddress;
        _downstreams[id]?.SetOwnAddress(Family == IpFamily.V6 ? linkLocal : ownAddress);
    }

    /// <summary>The interface went down or away: forget its state, remove its vif, recompute.</summary>
    public void Detach(int id, long now)
    {
        int ifindex = _ifindex[id];
        if (ifindex <= 0)
        {
            return;
        }

        DownstreamInterface? downstream = _downstreams[id];
        if (downstream is not null)
        {
            _proxy.DetachDownstream(id);
            downstream.Stop();
            _downstreams[id] = null;
            _kernel.LeaveRouterGroups(ifindex);
        }

        _proxy.OnInterfaceDown(id);
        _kernel.DelVif(id);
        _ifindex[id] = 0;
        _log.Notice($"{Name}: {_proxy.NameOf(id)} detached (was ifindex {ifindex})");
        Rearm();
    }

    public void OnReadable(long now)
    {
        var ev = default(KernelEvent);
        // Bounded drain: a flood must not starve timers and the other descriptors.
        for (int i = 0; i < 256; i++)
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
                    OnMessage(now, ev.IfIndex, ev.Source, ev.Message);
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
        _proxy.OnTimer(now);
        foreach (DownstreamInterface? d in _downstreams)
        {
            if (d is not null && d.NextDeadline <= now)
            {
                d.OnTimer(now);
            }
        }

        Rearm();
    }

    /// <summary>One timer for the whole instance: the earliest deadline of the core and the downstreams.</summary>
    private void Rearm()
    {
        long next = _proxy.NextDeadline;
        foreach (DownstreamInterface? d in _downstreams)
        {
            if (d is not null)
            {
                next = Math.Min(next, d.NextDeadline);
            }
        }

        _loop.Timers.Arm(_timer, next);
    }

    private int IdOfIfIndex(int ifindex)
    {
        if (ifindex <= 0)
        {
            return -1;
        }

        for (int i = 0; i < _ifindex.Length; i++)
        {
            if (_ifindex[i] == ifindex)
            {
                return i;
            }
        }

        return -1;
    }

    private void OnUpcall(long now, in MrouteUpcall upcall)
    {
        int id = upcall.Vif;
        if (id < 0 || id >= _ifindex.Length || _ifindex[id] <= 0)
        {
            return;
        }

        if (upcall.Kind == UpcallKind.NoCache || upcall.Kind == UpcallKind.WrongVif)
        {
            if (_log.IsEnabled(LogLevel.Debug))
            {
                _log.Debug($"{Name}: data ({upcall.Source}, {upcall.Group}) on {_proxy.NameOf(id)} ({(upcall.Kind == UpcallKind.NoCache ? "no cache entry" : "wrong interface")})");
            }

            _proxy.OnDataArrived(now, upcall.Source, upcall.Group, id);
        }
    }

    private void OnMessage(long now, int ifindex, Addr source, in MembershipMessage msg)
    {
        int id = IdOfIfIndex(ifindex);
        DownstreamInterface? d = id >= 0 ? _downstreams[id] : null;
        if (d is null)
        {
            // Upstream links: the kernel's host stack answers queries there; nothing for us.
            return;
        }

        if (_log.IsEnabled(LogLevel.Trace))
        {
            _log.Write(LogLevel.Trace, $"{Name}: {_proxy.NameOf(id)}: {KindName(msg.Kind)} {msg.Version.Name()} {msg.Group} from {source}");
        }

        // Our own queries come back on the raw socket; they are not another querier's.
        if (msg.IsQuery && IsOwnAddress(source))
        {
            return;
        }

        MessageDelivery.Deliver(d, now, source, msg, _sources);
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

    private bool IsOwnAddress(Addr source)
    {
        for (int i = 0; i < _linkLocal.Length; i++)
        {
            if ((_linkLocal[i] == source || _ownAddress[i] == source) && !source.IsUnspecified)
            {
                return true;
            }
        }

        return false;
    }

    private void OnDropped(long now, int ifindex, Addr source, DropReason reason)
    {
        int id = IdOfIfIndex(ifindex);
        _drops[((id >= 0 ? id : _ifindex.Length) * DropReasonExtensions.Count) + (int)reason]++;
        string where = id >= 0 ? _proxy.NameOf(id) : $"ifindex {ifindex}";
        if (_log.IsEnabled(LogLevel.Info))
        {
            string key = string.Concat(where, source.ToString(), reason.Name());
            if (_dropLog.Allow(key, now, out long suppressed))
            {
                _log.Info($"{Name}: {where}: dropped a membership packet from {source}: {reason.Name()}" +
                    (suppressed > 0 ? $" ({suppressed} more suppressed)" : string.Empty));
            }
        }
    }

    // IMembershipDiagnostics: a flood hit a configured limit; say so, once a minute per interface and kind.
    public void OnLimitRefused(int interfaceId, MembershipLimit limit, Addr group, Addr reporter)
    {
        string what = limit switch
        {
            MembershipLimit.Groups => "max_groups",
            MembershipLimit.SourcesPerGroup => "max_sources_per_group",
            MembershipLimit.GroupsPerHost => "host_share of max_groups",
            MembershipLimit.SourcesPerHost => "host_share of max_sources_per_group",
            _ => "max_hosts_per_group",
        };
        string where = _proxy.NameOf(interfaceId);
        if (_dropLog.Allow(string.Concat(where, "\0", what), _loop.Now, out long suppressed))
        {
            _log.Warning($"{Name}: {where}: {what} reached: refused {group} from {reporter}" +
                (suppressed > 0 ? $" ({suppressed} more refusals since the last message)" : string.Empty));
        }
    }

    // IMembershipDiagnostics: the core already limits this to one call per interval.
    public void OnOlderQuerier(int interfaceId, Addr querier, ProtocolVersion heard, ProtocolVersion ours, long suppressed)
    {
        _log.Warning($"{Name}: {_proxy.NameOf(interfaceId)}: {heard.Name()} querier {querier} on a link configured for {ours.Name()}; " +
            "configure every router on the link for the same version (RFC 3376 §7.3.1)" +
            (suppressed > 0 ? $" ({suppressed} more older queries since the last message)" : string.Empty));
    }

    // IMembershipDiagnostics: once a minute per interface.
    public void OnSsmIgnored(int interfaceId, Addr group, Addr reporter)
    {
        string where = _proxy.NameOf(interfaceId);
        if (_dropLog.Allow(string.Concat(where, "\0ssm"), _loop.Now, out long suppressed))
        {
            _log.Warning($"{Name}: {where}: ignored an any-source join of {group} from {reporter}: the group is in an SSM range " +
                "(only source-specific IGMPv3/MLDv2 joins count; see ssm_ranges)" +
                (suppressed > 0 ? $" ({suppressed} more since the last message)" : string.Empty));
        }
    }

    // IMembershipDiagnostics: once a minute per interface.
    public void OnForgedLeave(int interfaceId, Addr group, Addr host, long suspendedMs)
    {
        string where = _proxy.NameOf(interfaceId);
        if (_dropLog.Allow(string.Concat(where, "\0forged-leave"), _loop.Now, out long suppressed))
        {
            _log.Warning($"{Name}: {where}: {host} answered the query for {group} right after its leave: a forged leave? " +
                $"Fast leave is off on {where} for {suspendedMs / 1000} s" +
                (suppressed > 0 ? $" ({suppressed} more since the last message)" : string.Empty));
        }
    }

    // IMembershipDiagnostics: once a minute per interface.
    public void OnForeignQuerier(int interfaceId, Addr querier)
    {
        string where = _proxy.NameOf(interfaceId);
        if (_dropLog.Allow(string.Concat(where, "\0foreign-querier"), _loop.Now, out long suppressed))
        {
            _log.Warning($"{Name}: {where}: ignored a query from {querier}, which is no address of the link's subnets (forged?)" +
                (suppressed > 0 ? $" ({suppressed} more since the last message)" : string.Empty));
        }
    }

    /// <summary>The link's IPv4 subnets (querier election accepts only their hosts).</summary>
    public void UpdateSubnets(int id, ReadOnlySpan<Subnet> subnets) => _downstreams[id]?.SetSubnets(subnets);

    // IUpstreamPort
    public void SetMembership(int interfaceId, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        int ifindex = _ifindex[interfaceId];
        if (ifindex <= 0)
        {
            return;
        }

        Errno e = _kernel.SetMembership(ifindex, group, mode, sources);
        if (e != Errno.OK)
        {
            _log.Warning($"{Name}: upstream {_proxy.NameOf(interfaceId)}: cannot subscribe {group}: {e.Describe()}");
        }
        else if (_log.IsEnabled(LogLevel.Info))
        {
            bool leave = mode == FilterMode.Include && sources.Length == 0;
            _log.Info(leave
                ? $"{Name}: upstream {_proxy.NameOf(interfaceId)}: left {group}"
                : $"{Name}: upstream {_proxy.NameOf(interfaceId)}: {group} {(mode == FilterMode.Include ? "INCLUDE" : "EXCLUDE")} {{{FormatSources(sources)}}}");
        }
    }

    // IRoutePort
    public void SetRoute(Addr source, Addr group, int inputId, uint outputMask)
    {
        Errno e = _kernel.AddMfc(source, group, inputId, outputMask & AttachedMask());
        if (e != Errno.OK)
        {
            _log.Warning($"{Name}: cannot install route ({source}, {group}): {e.Describe()}");
        }
        else if (_log.IsEnabled(LogLevel.Debug))
        {
            _log.Debug($"{Name}: route ({source}, {group}) {_proxy.NameOf(inputId)} -> {FormatMask(outputMask)}");
        }
    }

    public void RemoveRoute(Addr source, Addr group, int inputId)
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

    public bool TryGetPacketCount(Addr source, Addr group, int inputId, out ulong packets) =>
        _kernel.GetPacketCount(source, group, out packets) == Errno.OK;

    private uint AttachedMask()
    {
        uint mask = 0;
        for (int i = 0; i < _ifindex.Length; i++)
        {
            if (_ifindex[i] > 0)
            {
                mask |= 1u << i;
            }
        }

        return mask;
    }

    private string FormatMask(uint mask)
    {
        if (mask == 0)
        {
            return "(none)";
        }

        var names = new System.Collections.Generic.List<string>();
        for (int i = 0; i < _ifindex.Length; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                names.Add(_proxy.NameOf(i));
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

    public void Dispose()
    {
        long now = _loop.Now;
        for (int id = 0; id < _ifindex.Length; id++)
        {
            // Leave upstream groups explicitly (the kernel sends the leaves), then vifs go.
            Detach(id, now);
        }

        _loop.Unregister(_kernel.Fd.Fd);
        _loop.Timers.Cancel(_timer);
        _kernel.Dispose();
    }

    /// <summary>Sends one downstream's queries through the kernel (one small object per downstream).</summary>
    private sealed class QueryPort : IQueryPort
    {
        private readonly InstanceRuntime _owner;
        private readonly int _id;

        public QueryPort(InstanceRuntime owner, int id)
        {
            _owner = owner;
            _id = id;
        }

        public void SendQuery(in QueryMessage query, ReadOnlySpan<Addr> sources)
        {
            int ifindex = _owner._ifindex[_id];
            if (ifindex <= 0)
            {
                return;
            }

            Errno e = _owner._kernel.SendQuery(ifindex, _owner._linkLocal[_id], query, sources);
            if (e != Errno.OK)
            {
                _owner._log.Warning($"{_owner.Name}: {_owner._proxy.NameOf(_id)}: cannot send query: {e.Describe()}");
            }
            else if (_owner._log.IsEnabled(LogLevel.Debug))
            {
                _owner._log.Debug($"{_owner.Name}: {_owner._proxy.NameOf(_id)}: sent {query.Version.Name()} " +
                    (query.IsGeneral ? "general query" : $"query for {query.Group}" + (sources.Length > 0 ? $" ({sources.Length} sources)" : string.Empty)));
            }
        }
    }
}
