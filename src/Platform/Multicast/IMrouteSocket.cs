using System;
using McProxy.Interop;
using McProxy.Protocol;

namespace McProxy.Platform.Multicast;

/// <summary>
/// One instance's multicast routing in the kernel, for one family: its table with the vifs (IPv6:
/// mifs) and forwarding entries, the host-side memberships on its upstreams, and the raw socket
/// that receives upcalls and membership messages and sends queries. Every MRT/MRT6 call of the
/// daemon goes through here; <see cref="MrouteSocket4"/> and <see cref="MrouteSocket6"/> implement
/// it. Vif numbers are the instance's interface ids (Protocol/Ports.cs). Disposing leaves the
/// kernel as it was found: memberships left, entries and vifs deleted, the table released.
/// </summary>
internal interface IMrouteSocket : IDisposable
{
    IpFamily Family { get; }

    /// <summary>The raw socket, for the poll loop (readable: call <see cref="TryReceive"/> until false).</summary>
    SafeFd Fd { get; }

    /// <summary>The kernel table this socket holds (0 = the default table).</summary>
    int Table { get; }

    Errno AddVif(int vif, int ifindex);

    /// <summary>The kernel also drops the forwarding entries whose input it was.</summary>
    Errno DelVif(int vif);

    /// <summary>Installs or replaces (S,G) from <paramref name="parentVif"/> to the vifs set in <paramref name="outputVifs"/>.</summary>
    Errno AddMfc(Addr source, Addr group, int parentVif, uint outputVifs);

    Errno DelMfc(Addr source, Addr group, int parentVif);

    /// <summary>The (S,G) entry's packet, byte and wrong-interface counters (SIOCGETSGCNT / SIOCGETSGCNT_IN6).</summary>
    Errno GetCounters(Addr source, Addr group, out RouteCounters counters);

    /// <summary>Joins the groups reports and leaves are sent to on a downstream, so they reach this socket.</summary>
    Errno JoinReportGroups(int ifindex);

    Errno LeaveReportGroups(int ifindex);

    /// <summary>Host-side subscription on an upstream through the kernel's host stack; (INCLUDE, {}) leaves.</summary>
    Errno SetMembership(int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources);

    /// <summary>
    /// Encodes <paramref name="query"/> and sends it out of <paramref name="ifindex"/> to
    /// <paramref name="destination"/>; IPv6 from <paramref name="source"/> (IPv4: the kernel uses
    /// the interface's address). Where to send and from which address is the caller's decision.
    /// </summary>
    Errno SendQuery(int ifindex, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources);

    /// <summary>Reads and decodes one datagram; false when nothing is queued (or on a receive error, in <paramref name="errno"/>).</summary>
    bool TryReceive(ref KernelEvent ev, out Errno errno);
}
