using System;
using System.Collections.Generic;
using McProxy.Interop;
using McProxy.Platform.Multicast;
using McProxy.Protocol;

namespace McProxy.Tests.Platform;

/// <summary>
/// The kernel's host-side multicast socket options as Linux answers them (net/ipv4/igmp.c
/// ip_mc_join_group_ssm, ip_mc_source, ip_mc_msfilter; net/ipv6/mcast.c): per socket at most
/// <c>maxMemberships</c> groups (IPv4 net.ipv4.igmp_max_memberships, ENOBUFS; IPv6 has none) and
/// at most <c>maxMsf</c> sources per group (ENOBUFS); every membership and source list is charged
/// to the socket's option memory (net.core.optmem_max): a join past it gives ENOBUFS on IPv4 and
/// ENOMEM on IPv6, a source list past it ENOBUFS. A join of a group already joined on the socket
/// is EADDRINUSE; a source operation or filter on a group not joined is EINVAL; the last INCLUDE
/// source's removal leaves the group; (EXCLUDE, {}) may switch to INCLUDE by a source join.
/// </summary>
internal sealed class LinuxHostSocketsFake : IHostMembershipSockets
{
    // sizeof(struct ip_mc_socklist) / (struct ipv6_mc_socklist) and the source-list layout.
    private const int SockListBytes4 = 48;
    private const int SockListBytes6 = 56;
    private const int SourceListHeader = 24;

    private readonly bool _v6;
    private readonly int _maxMemberships;
    private readonly int _maxMsf;
    private readonly int _optmemMax;
    private readonly int _maxOpen;
    private readonly List<Sock?> _socks = new();

    public LinuxHostSocketsFake(IpFamily family, int maxMemberships = 20, int maxMsf = 10, int optmemMax = 131072, int maxOpen = 1024)
    {
        _v6 = family == IpFamily.V6;
        _maxMemberships = _v6 ? int.MaxValue : maxMemberships;
        _maxMsf = maxMsf;
        _optmemMax = optmemMax;
        _maxOpen = maxOpen;
    }

    /// <summary>Joins of any kind refused with ENOBUFS from now on, whatever the socket holds (a transient shortage).</summary>
    public int RefuseNextJoins { get; set; }

    /// <summary>Sockets opened over the fake's life.</summary>
    public int Opened { get; private set; }

    public int OpenSockets
    {
        get
        {
            int n = 0;
            foreach (Sock? s in _socks)
            {
                n += s == null ? 0 : 1;
            }

            return n;
        }
    }

    /// <summary>Sockets that are open and hold no membership (wasted descriptors).</summary>
    public int EmptySockets
    {
        get
        {
            int n = 0;
            foreach (Sock? s in _socks)
            {
                n += s != null && s.Groups.Count == 0 ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>The interface's view of a group as the kernel merges the sockets (RFC 3376 §3.2): null when not joined.</summary>
    public (FilterMode Mode, SortedSet<Addr> Sources)? InterfaceState(int ifindex, Addr group)
    {
        SortedSet<Addr>? include = null;
        SortedSet<Addr>? exclude = null;
        foreach (Sock? s in _socks)
        {
            if (s == null || !s.Groups.TryGetValue((ifindex, group), out Membership? m))
            {
                continue;
            }

            if (m.Mode == FilterMode.Exclude)
            {
                if (exclude == null)
                {
                    exclude = new SortedSet<Addr>(m.Sources);
                }
                else
                {
                    exclude.IntersectWith(m.Sources);
                }
            }
            else
            {
                (include ??= new SortedSet<Addr>()).UnionWith(m.Sources);
            }
        }

        if (exclude != null)
        {
            if (include != null)
            {
                exclude.ExceptWith(include);
            }

            return (FilterMode.Exclude, exclude);
        }

        return include == null ? null : (FilterMode.Include, include);
    }

    public Errno Open(out int socket)
    {
        socket = -1;
        if (OpenSockets >= _maxOpen)
        {
            return Errno.EMFILE;
        }

        Opened++;
        socket = _socks.IndexOf(null);
        if (socket < 0)
        {
            socket = _socks.Count;
            _socks.Add(new Sock());
        }
        else
        {
            _socks[socket] = new Sock();
        }

        return Errno.OK;
    }

    public void Close(int socket)
    {
        _ = S(socket);
        _socks[socket] = null;
    }

    public Errno JoinGroup(int socket, int ifindex, Addr group) => Join(S(socket), ifindex, group, FilterMode.Exclude);

    public Errno LeaveGroup(int socket, int ifindex, Addr group)
    {
        Sock s = S(socket);
        if (!s.Groups.TryGetValue((ifindex, group), out Membership? m))
        {
            return Errno.EADDRNOTAVAIL;
        }

        Drop(s, (ifindex, group), m);
        return Errno.OK;
    }

    public Errno JoinSource(int socket, int ifindex, Addr group, Addr source)
    {
        Sock s = S(socket);
        Errno e = Join(s, ifindex, group, FilterMode.Include);
        if (e != Errno.OK && e != Errno.EADDRINUSE)
        {
            return e;
        }

        Membership m = s.Groups[(ifindex, group)];
        if (m.Mode != FilterMode.Include)
        {
            if (m.Sources.Count > 0)
            {
                return Errno.EINVAL;
            }

            m.Mode = FilterMode.Include; // allow mode switches for empty-set filters
        }

        if (m.Sources.Contains(source))
        {
            return Errno.OK;
        }

        if (m.Sources.Count >= _maxMsf)
        {
            return Errno.ENOBUFS;
        }

        int grown = ListBytes(m.Sources.Count + 1) - ListBytes(m.Sources.Count);
        if (s.Optmem + grown > _optmemMax)
        {
            return Errno.ENOBUFS;
        }

        s.Optmem += grown;
        m.Sources.Add(source);
        return Errno.OK;
    }

    public Errno LeaveSource(int socket, int ifindex, Addr group, Addr source)
    {
        Sock s = S(socket);
        if (!s.Groups.TryGetValue((ifindex, group), out Membership? m) || (m.Sources.Count > 0 && m.Mode != FilterMode.Include))
        {
            return Errno.EINVAL;
        }

        if (!m.Sources.Contains(source))
        {
            return Errno.EADDRNOTAVAIL;
        }

        if (m.Sources.Count == 1)
        {
            Drop(s, (ifindex, group), m); // (INCLUDE, {}) == leave
            return Errno.OK;
        }

        s.Optmem -= ListBytes(m.Sources.Count) - ListBytes(m.Sources.Count - 1);
        m.Sources.Remove(source);
        return Errno.OK;
    }

    public Errno SetFilter(int socket, int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        Sock s = S(socket);
        if (mode == FilterMode.Include && sources.IsEmpty)
        {
            return LeaveGroup(socket, ifindex, group);
        }

        if (sources.Length > _maxMsf)
        {
            return Errno.ENOBUFS;
        }

        if (!s.Groups.TryGetValue((ifindex, group), out Membership? m))
        {
            return Errno.EINVAL;
        }

        int delta = ListBytes(sources.Length) - ListBytes(m.Sources.Count);
        if (s.Optmem + delta > _optmemMax)
        {
            return Errno.ENOBUFS;
        }

        s.Optmem += delta;
        m.Mode = mode;
        m.Sources = new SortedSet<Addr>(sources.ToArray());
        return Errno.OK;
    }

    private static int ListBytes(int sources) => sources == 0 ? 0 : SourceListHeader + (sources * 16);

    private Sock S(int socket) =>
        socket >= 0 && socket < _socks.Count && _socks[socket] is Sock s ? s : throw new InvalidOperationException("socket " + socket + " is not open");

    private Errno Join(Sock s, int ifindex, Addr group, FilterMode mode)
    {
        if (s.Groups.ContainsKey((ifindex, group)))
        {
            return Errno.EADDRINUSE;
        }

        if (RefuseNextJoins > 0)
        {
            RefuseNextJoins--;
            return Errno.ENOBUFS;
        }

        if (s.Groups.Count >= _maxMemberships)
        {
            return Errno.ENOBUFS;
        }

        int bytes = _v6 ? SockListBytes6 : SockListBytes4;
        if (s.Optmem + bytes > _optmemMax)
        {
            return _v6 ? Errno.ENOMEM : Errno.ENOBUFS;
        }

        s.Optmem += bytes;
        s.Groups[(ifindex, group)] = new Membership { Mode = mode };
        return Errno.OK;
    }

    private void Drop(Sock s, (int, Addr) key, Membership m)
    {
        s.Optmem -= (_v6 ? SockListBytes6 : SockListBytes4) + ListBytes(m.Sources.Count);
        s.Groups.Remove(key);
    }

    private sealed class Sock
    {
        public Dictionary<(int IfIndex, Addr Group), Membership> Groups { get; } = new();

        public int Optmem { get; set; }
    }

    private sealed class Membership
    {
        public FilterMode Mode { get; set; }

        public SortedSet<Addr> Sources { get; set; } = new();
    }
}
