using System;
using McProxy.Interop;

namespace McProxy.Platform.Multicast;

/// <summary>
/// The RFC 3678 socket calls <see cref="HostMembership"/> makes, on sockets named by a small
/// number: the kernel in the daemon (<see cref="HostMembershipSockets"/>), a fake that keeps the
/// kernel's per-socket limits in the unit tests.
/// </summary>
internal interface IHostMembershipSockets
{
    /// <summary>Opens an unbound UDP socket of the family; <paramref name="socket"/> names it.</summary>
    Errno Open(out int socket);

    /// <summary>Closes the socket (the kernel leaves whatever it still holds).</summary>
    void Close(int socket);

    /// <summary>MCAST_JOIN_GROUP (any-source).</summary>
    Errno JoinGroup(int socket, int ifindex, Addr group);

    /// <summary>MCAST_LEAVE_GROUP.</summary>
    Errno LeaveGroup(int socket, int ifindex, Addr group);

    /// <summary>MCAST_JOIN_SOURCE_GROUP (joins the group in INCLUDE mode first if needed).</summary>
    Errno JoinSource(int socket, int ifindex, Addr group, Addr source);

    /// <summary>MCAST_LEAVE_SOURCE_GROUP (the last INCLUDE source leaves the group).</summary>
    Errno LeaveSource(int socket, int ifindex, Addr group, Addr source);

    /// <summary>MCAST_MSFILTER: the socket's whole filter for a group it has joined.</summary>
    Errno SetFilter(int socket, int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources);
}
