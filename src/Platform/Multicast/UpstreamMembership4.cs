using System;
using McProxy.Interop;

namespace McProxy.Platform.Multicast;

/// <summary>
/// IPv4 subscriptions on upstream interfaces through the kernel's IGMP host stack (see
/// <see cref="HostMembership"/> for how per-socket limits are lifted). Disposing leaves everything.
/// </summary>
internal sealed class UpstreamMembership4 : IDisposable
{
    private readonly HostMembership _host;

    public UpstreamMembership4()
        : this(KernelLimits.IgmpMaxMemberships, KernelLimits.IgmpMaxMsf)
    {
    }

    public UpstreamMembership4(int groupsPerSocket, int maxSourcesPerGroup)
    {
        _host = new HostMembership(IpFamily.V4, groupsPerSocket, maxSourcesPerGroup);
    }

    public int SocketCount => _host.SocketCount;

    /// <summary>Subscribes (mode, sources) for <paramref name="group"/> on <paramref name="ifindex"/>; (INCLUDE, {}) = leave.</summary>
    public Errno SetMembership(int ifindex, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources) =>
        _host.SetMembership(ifindex, group, mode, sources);

    public void Dispose() => _host.Dispose();
}
