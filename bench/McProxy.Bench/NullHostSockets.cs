using System;
using McProxy.Interop;
using McProxy.Platform.Multicast;

namespace McProxy.Bench;

/// <summary>Host membership sockets that accept every call (the memory bench counts the daemon's bookkeeping, not the kernel's).</summary>
internal sealed class NullHostSockets : IHostMembershipSockets
{
    private int _next;

    public Errno Open(out int socket)
    {
        socket = _next++;
        return Errno.OK;
    }

    public void Close(int socket)
    {
    }

    public Errno JoinGroup(int socket, int ifindex, Addr group) => Errno.OK;

    public Errno LeaveGroup(int socket, int ifindex, Addr group) => Errno.OK;

    public Errno JoinSource(int socket, int ifindex, Addr group, Addr source) => Errno.OK;

    public Errno LeaveSource(int socket, int ifindex, Addr group, Addr source) => Errno.OK;

    public Errno SetFilter(int socket, int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources) => Errno.OK;
}
