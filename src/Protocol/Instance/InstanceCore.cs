using System;
using McProxy.Config.Model;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Proxying;
using McProxy.Protocol.Wire;

namespace McProxy.Protocol.Instance;

/// <summary>
/// One configured proxy instance, pure: the RFC 4605 core (<see cref="ProxyInstance"/>), the
/// downstream side of each attached downstream (querier and membership table), which interface
/// id has which ifindex and addresses, and the packets dropped per interface. The daemon, the
/// pipeline fuzz rig and the bench all drive it the same way: <see cref="Attach"/> and
/// <see cref="Detach"/> as interfaces come and go, <see cref="OnMessage"/>, <see cref="OnData"/>
/// and <see cref="OnDropped"/> for what the kernel delivers, <see cref="OnTimer"/> at
/// <see cref="NextDeadline"/>. Every input first runs what is due at its <c>now</c>, so a timer
/// call that comes late never reorders events. All I/O goes through <see cref="IInstancePort"/>.
/// Every interface starts detached (down): nothing is asked of an interface before it exists.
/// </summary>
internal sealed class InstanceCore
{
    /// <summary>Room for the sources of one record or query (a 64 KiB report holds fewer).</summary>
    private const int MaxSources = 4096;

    private static readonly Addr AllSystems = Addr.FromV4(224, 0, 0, 1);
    private static readonly Addr AllNodes = Addr.Parse("ff02::1");

    private readonly IInstancePort _port;
    private readonly ProxyInstance _proxy;
    private readonly DownstreamInterface?[] _downstreams;
    private readonly QueryPort?[] _queryPorts;
    private readonly int[] _ifindex;
    private readonly Addr[] _address;
    private readonly Addr[] _linkLocal;
    // Every IPv4 address of each link (from its subnets): a report from one of them is ours.
    private readonly Addr[][] _linkAddresses;
    // An MLD query was due without a link-local address: said once per link until one arrives.
    private readonly bool[] _unsentQueryTold;
    private readonly Addr[] _sources = new Addr[MaxSources];
    // Packets dropped by reason, one row per interface id plus a last row for "arrival unknown".
    private readonly long[] _drops;
    private ProxyConfig _config;

    public InstanceCore(InstanceConfig instance, ProxyConfig config, IInstancePort port, ProxyOptions? options = null)
    {
        _config = config;
        _port = port;
        Family = config.Protocol.Family();
        _proxy = new ProxyInstance(instance, config.ProxySsdp, port, port, options);
        int n = _proxy.InterfaceCount;
        _downstreams = new DownstreamInterface?[n];
        _queryPorts = new QueryPort?[n];
        _ifindex = new int[n];
        _address = new Addr[n];
        _linkLocal = new Addr[n];
        _linkAddresses = new Addr[n][];
        Array.Fill(_linkAddresses, Array.Empty<Addr>());
        _unsentQueryTold = new bool[n];
        _drops = new long[(n + 1) * DropReasonExtensions.Count];
        for (int id = 0; id < n; id++)
        {
            if (_proxy.IsDownstream(id))
            {
                _queryPorts[id] = new QueryPort(this, id);
            }
        }
    }

    public string Name => _proxy.Name;

    public IpFamily Family { get; }

    /// <summary>The RFC 4605 core: interface roles, subscriptions and routes (for status output and tests).</summary>
    public ProxyInstance Proxy => _proxy;

    public int InterfaceCount => _proxy.InterfaceCount;

    /// <summary>The earliest deadline of the core and of every attached downstream; long.MaxValue when none.</summary>
    public long NextDeadline
    {
        get
        {
            long next = _proxy.NextDeadline;
            foreach (DownstreamInterface? d in _downstreams)
            {
                if (d is not null)
                {
                    next = Math.Min(next, d.NextDeadline);
                }
            }

            return next;
        }
    }

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

    public string NameOf(int id) => _proxy.NameOf(id);

    /// <summary>The ifindex interface <paramref name="id"/> is attached as; 0 while detached.</summary>
    public int IfIndexOf(int id) => _ifindex[id];

    public bool IsAttached(int id) => _ifindex[id] > 0;

    /// <summary>The downstream side of <paramref name="id"/> while it is attached; null otherwise.</summary>
    public DownstreamInterface? DownstreamOf(int id) => _downstreams[id];

    /// <summary>Packets dropped by reason that arrived on interface <paramref name="id"/>.</summary>
    public ReadOnlySpan<long> DropsOf(int id) => _drops.AsSpan(id * DropReasonExtensions.Count, DropReasonExtensions.Count);

    /// <summary>The id attached as <paramref name="ifindex"/>, or -1.</summary>
    public int IdOf(int ifindex)
    {
        if (ifindex <= 0)
        {
            return -1;
        }

        for (int id = 0; id < _ifindex.Length; id++)
        {
            if (_ifindex[id] == ifindex)
            {
                return id;
            }
        }

        return -1;
    }

    /// <summary>A reload kept this instance: downstreams attached from now on use the new file's settings.</summary>
    public void UpdateSettings(ProxyConfig config) => _config = config;

    /// <summary>
    /// Interface <paramref name="id"/> exists and is up as <paramref name="ifindex"/>, with its vif
    /// in the kernel (the caller's part): a downstream gets its querier (which sends its first
    /// query now) and membership table, and the core recomputes every group and route with the
    /// interface counted, so what was asked for while it was away reaches it now. Attaching
    /// under a new ifindex detaches the old one first.
    /// </summary>
    public void Attach(int id, int ifindex, Addr address, Addr linkLocal, long now)
    {
        if (_ifindex[id] == ifindex)
        {
            UpdateAddresses(id, address, linkLocal, now);
            return;
        }

        if (_ifindex[id] > 0)
        {
            Detach(id, now);
        }

        RunDue(now);
        _ifindex[id] = ifindex;
        _address[id] = address;
        _linkLocal[id] = linkLocal;
        if (_proxy.IsDownstream(id))
        {
            string name = _proxy.NameOf(id);
            var downstream = new DownstreamInterface(id, _config.Protocol, _config.SettingsFor(name), _queryPorts[id]!, _proxy);
            downstream.SetOwnAddress(QuerierAddress(id));
            downstream.Diagnostics = _port;
            _downstreams[id] = downstream;
            _proxy.AttachDownstream(id, downstream);
            downstream.Start(now);
        }

        _proxy.OnInterfaceUp(id);
    }

    /// <summary>
    /// Refreshes the addresses used as querier identity and MLD query source. An MLD downstream
    /// that was attached before its link-local address existed could send no query (RFC 3810
    /// §5.1.14); when the address arrives its querier starts over with the startup queries
    /// (RFC 3810 §7.6.2: Startup Query Count queries, Startup Query Interval apart).
    /// </summary>
    public void UpdateAddresses(int id, Addr address, Addr linkLocal, long now)
    {
        bool linkLocalArrived = Family == IpFamily.V6 && _linkLocal[id].IsUnspecified && !linkLocal.IsUnspecified;
        _address[id] = address;
        _linkLocal[id] = linkLocal;
        DownstreamInterface? d = _downstreams[id];
        d?.SetOwnAddress(QuerierAddress(id));
        if (linkLocalArrived)
        {
            _unsentQueryTold[id] = false;
            if (d is not null)
            {
                RunDue(now);
                d.RestartStartupQueries(now);
            }
        }
    }

    /// <summary>
    /// The link's IPv4 subnets: the querier election accepts only their hosts (forged queriers
    /// lose), and a report from one of their addresses is the router's own.
    /// </summary>
    public void UpdateSubnets(int id, ReadOnlySpan<Subnet> subnets)
    {
        Addr[] kept = _linkAddresses[id];
        bool same = kept.Length == subnets.Length;
        for (int i = 0; same && i < subnets.Length; i++)
        {
            same = kept[i] == subnets[i].Address;
        }

        if (!same)
        {
            kept = new Addr[subnets.Length];
            for (int i = 0; i < subnets.Length; i++)
            {
                kept[i] = subnets[i].Address;
            }

            _linkAddresses[id] = kept;
        }

        _downstreams[id]?.SetSubnets(subnets);
    }

    /// <summary>
    /// Interface <paramref name="id"/> went down or away: its members stop counting, its
    /// subscriptions are left and the routes arriving on it removed, while its ifindex is still
    /// known to the port; then it is forgotten. The caller removes its vif afterwards.
    /// </summary>
    public void Detach(int id, long now)
    {
        if (_ifindex[id] <= 0)
        {
            return;
        }

        RunDue(now);
        DownstreamInterface? downstream = _downstreams[id];
        if (downstream is not null)
        {
            _proxy.DetachDownstream(id);
            downstream.Stop();
            _downstreams[id] = null;
        }

        _proxy.OnInterfaceDown(id);
        _ifindex[id] = 0;
        _address[id] = Addr.None;
        _linkLocal[id] = Addr.None;
        _linkAddresses[id] = Array.Empty<Addr>();
        _unsentQueryTold[id] = false;
    }

    /// <summary>
    /// A decoded membership message that arrived on <paramref name="ifindex"/> from
    /// <paramref name="source"/>: handed to that downstream's querier and membership table.
    /// Upstream links are the kernel host stack's business, and our own queries come back on the
    /// raw socket (they are not another querier's). So do the reports of our own host stack
    /// wherever we joined the report groups: on a peering interface they are our upstream joins
    /// (never a listener's), on a plain downstream the router's own applications, which count
    /// only with local_listeners (docs/protocol-decisions.md, "Our own reports").
    /// </summary>
    public void OnMessage(long now, int ifindex, Addr source, in MembershipMessage msg)
    {
        RunDue(now);
        int id = IdOf(ifindex);
        DownstreamInterface? d = id >= 0 ? _downstreams[id] : null;
        if (d is null || (msg.IsQuery && IsOwnAddress(source)))
        {
            return;
        }

        if (!msg.IsQuery && IsOwnAddressOn(id, source) && (_proxy.IsUpstream(id) || !d.Settings.LocalListeners))
        {
            d.Counters.OwnReports++;
            if (!RefreshesOnly(id, d, msg))
            {
                return;
            }
        }

        switch (msg.Kind)
        {
            case MessageKind.GeneralQuery:
            case MessageKind.GroupQuery:
            case MessageKind.GroupSourceQuery:
                int n = msg.CopyQuerySources(_sources);
                d.OnQuery(now, source, msg.Query, _sources.AsSpan(0, n));
                break;
            case MessageKind.V1Report:
                d.OnV1Report(now, source, msg.Group);
                break;
            case MessageKind.V2Report:
                d.OnV2Report(now, source, msg.Group);
                break;
            case MessageKind.Leave:
                d.OnLeave(now, source, msg.Group);
                break;
            case MessageKind.V3Report:
                foreach (GroupRecord record in msg.Records)
                {
                    int count = record.CopySources(_sources);
                    d.OnRecord(now, source, record.Type, record.Group, _sources.AsSpan(0, count));
                }

                break;
        }
    }

    /// <summary>
    /// The kernel saw data (S,G) arrive on vif <paramref name="vif"/> without a forwarding entry
    /// (or on the wrong interface): the core installs the route. Vifs not attached are ignored.
    /// </summary>
    public void OnData(long now, int vif, Addr source, Addr group)
    {
        if ((uint)vif >= (uint)_ifindex.Length || _ifindex[vif] <= 0)
        {
            return;
        }

        RunDue(now);
        _proxy.OnDataArrived(now, source, group, vif);
    }

    /// <summary>Counts a membership packet the codec rejected; returns the id it arrived on, or -1.</summary>
    public int OnDropped(int ifindex, DropReason reason)
    {
        int id = IdOf(ifindex);
        _drops[((id >= 0 ? id : _ifindex.Length) * DropReasonExtensions.Count) + (int)reason]++;
        return id;
    }

    /// <summary>Runs every deadline of the core and the downstreams due at or before <paramref name="now"/>.</summary>
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
    }

    private void RunDue(long now)
    {
        if (NextDeadline <= now)
        {
            OnTimer(now);
        }
    }

    // Querier election compares the querier's source address: IPv4 the interface address, MLD
    // the link-local address (RFC 3376 §6.6.2, RFC 3810 §7.6.2).
    private Addr QuerierAddress(int id) => Family == IpFamily.V6 ? _linkLocal[id] : _address[id];

    private bool IsOwnAddress(Addr source)
    {
        if (source.IsUnspecified)
        {
            return false;
        }

        for (int id = 0; id < _ifindex.Length; id++)
        {
            if (_linkLocal[id] == source || _address[id] == source)
            {
                return true;
            }
        }

        return false;
    }

    // IGMPv1/v2 and MLDv1 hosts cancel their report when they hear another member's (RFC 2236
    // §3, RFC 2710 §4), our own host stack's included: a viewer on a plain downstream that kept
    // silent because of ours must not lose its group. So our old-version report refreshes an
    // any-source group the link's hosts already hold, but never creates one. (IGMPv3/MLDv2
    // hosts do not suppress; on a peering interface our report is our upstream join.)
    private bool RefreshesOnly(int id, DownstreamInterface d, in MembershipMessage msg) =>
        !_proxy.IsUpstream(id) && (msg.Kind is MessageKind.V1Report or MessageKind.V2Report) &&
        d.TryGetGroup(msg.Group, out FilterMode mode, out _) && mode == FilterMode.Exclude;

    // Allocation-free: the link's link-local, its primary IPv4 address and every other one.
    private bool IsOwnAddressOn(int id, Addr source)
    {
        if (source.IsUnspecified)
        {
            return false;
        }

        if (_linkLocal[id] == source || _address[id] == source)
        {
            return true;
        }

        foreach (Addr a in _linkAddresses[id])
        {
            if (a == source)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Sends one downstream's queries (one small object per downstream id, made once). Where to:
    /// general queries to all systems / all nodes, specific ones to the group (RFC 3376 §4.1.12,
    /// RFC 3810 §5.1.15). From where: MLD from the link-local address, and without one no MLD
    /// query at all (RFC 3810 §5.1.14), said once until the address arrives (then the startup
    /// queries go out, <see cref="UpdateAddresses"/>); IPv4 from the interface's address, which
    /// the kernel picks.
    /// </summary>
    private sealed class QueryPort : IQueryPort
    {
        private readonly InstanceCore _core;
        private readonly int _id;

        public QueryPort(InstanceCore core, int id)
        {
            _core = core;
            _id = id;
        }

        public void SendQuery(in QueryMessage query, ReadOnlySpan<Addr> sources)
        {
            bool v6 = _core.Family == IpFamily.V6;
            Addr source = v6 ? _core._linkLocal[_id] : _core._address[_id];
            if (v6 && source.IsUnspecified)
            {
                if (!_core._unsentQueryTold[_id])
                {
                    _core._unsentQueryTold[_id] = true;
                    _core._port.QueryNotSent(_id, query);
                }

                return;
            }

            Addr destination = query.IsGeneral ? (v6 ? AllNodes : AllSystems) : query.Group;
            _core._port.SendQuery(_id, source, destination, query, sources);
        }
    }
}
