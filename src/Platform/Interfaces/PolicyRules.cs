using System;
using System.Collections.Generic;
using McProxy.Interop;
using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Platform.Interfaces;

/// <summary>
/// Multicast policy rules for instance tables: "iif IF lookup N" / "oif IF lookup N" in the IPMR
/// (RTNL_FAMILY_IPMR) and IP6MR rule sets over rtnetlink - what `ip mrule add iif eth1 lookup 5`
/// does, without spawning ip (the original used system()). Every rule added is removed on Dispose.
/// </summary>
internal sealed class PolicyRules : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly byte[] _request = new byte[128];
    private readonly List<(IpFamily Family, bool Input, string IfName, int Table)> _added = new();

    private PolicyRules(NetlinkSocket socket)
    {
        _socket = socket;
    }

    /// <summary>Opens the rtnetlink socket (throws <see cref="ErrnoException"/>).</summary>
    public static PolicyRules Open() => new(NetlinkSocket.Open(0));

    /// <summary>
    /// Adds "iif|oif <paramref name="ifname"/> lookup <paramref name="table"/>" for the family's
    /// multicast rules. An existing identical rule (EEXIST, e.g. left by a crashed run) counts as
    /// added, so it is removed on exit.
    /// </summary>
    public Errno Add(IpFamily family, bool input, string ifname, int table)
    {
        Errno e = Send(Netlink.RTM_NEWRULE, family, input, ifname, table);
        if (e is Errno.OK or Errno.EEXIST)
        {
            _added.Add((family, input, ifname, table));
            return Errno.OK;
        }

        return e;
    }

    public Errno Remove(IpFamily family, bool input, string ifname, int table)
    {
        _added.Remove((family, input, ifname, table));
        return Send(Netlink.RTM_DELRULE, family, input, ifname, table);
    }

    /// <summary>Removes every rule this object added, newest first, and closes the socket.</summary>
    public void Dispose()
    {
        for (int i = _added.Count - 1; i >= 0; i--)
        {
            var r = _added[i];
            Send(Netlink.RTM_DELRULE, r.Family, r.Input, r.IfName, r.Table);
        }

        _added.Clear();
        _socket.Dispose();
    }

    private Errno Send(ushort type, IpFamily family, bool input, string ifname, int table)
    {
        byte fam = family == IpFamily.V4 ? Netlink.RTNL_FAMILY_IPMR : Netlink.RTNL_FAMILY_IP6MR;
        uint seq = _socket.NextSeq();
        int len = NetlinkRequest.Rule(_request, type, seq, fam, input, ifname, (uint)table, 0);
        return _socket.Transact(_request.AsSpan(0, len), seq, null);
    }
}
