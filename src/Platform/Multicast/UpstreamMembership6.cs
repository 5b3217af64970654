using System;
using McProxy.Interop;

namespace McProxy.Platform.Multicast;

/// <summary>
/// IPv6 subscriptions on upstream interfaces through the kernel's MLD host stack (see
/// <see cref="HostMembership"/> for how per-socket limits are lifted). Disposing leaves everything.
/// </summary>
internal sealed class UpstreamMembership6 : IDisposable
{
    /// <summary>
    /// IPv6 has no igmp_max_memberships counterpart; a socket's memberships are bounded by its
    /// option memory (net.core.optmem_max), so stay well below it and spread over sockets.
    /// </summary>
    public const int MldGroupsPerSocket = 256;

    private readonly HostMembership _host;

    public UpstreamMembership6()
        : this(MldGroupsPerSocket, KernelLimits.MldMaxMsf)
    {
    }

    public UpstreamMembership6(int groupsPerSocket, int maxSourcesPerGroup)
    {
        _host = new HostMembership(IpFamily.V6, groupsPerSocket, maxSourcesPerGroup);
    }

    public int SocketCount => _host.SocketCount;

    /// <summary>Subscribes (mode, sources) for <paramref name="group"/> on <paramref name="ifindex"/>; (INCLUDE, {}) = leave.</summary>
    public Errno SetMembership(int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources) =>
        _host.SetMembership(ifindex, group, mode, sources);

    public void Dispose() => _host.Dispose();
}
