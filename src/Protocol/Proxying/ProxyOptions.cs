using System;
using McProxy.Protocol.Routing;

namespace McProxy.Protocol.Proxying;

/// <summary>Tunables of a <see cref="ProxyInstance"/>.</summary>
/// <param name="DataCheckIntervalMs">
/// How often a route's kernel packet counter is checked; a route whose counter did not move
/// in one interval is removed (docs/behaviour.md §6: 20 s).
/// </param>
/// <param name="SourceExpansionLimit">
/// A filter's allowed (or disallowed) source ranges with at most this many addresses are
/// written out as a source list in subscriptions; larger ranges are approximated (see
/// <see cref="SourceSet.Filter"/>). Kept small: Linux limits a socket's source filter to
/// net.ipv4.igmp_max_msf (10) / net.ipv6.mld_max_msf (64) entries.
/// </param>
/// <param name="MaxRoutes">Routes (kernel entries) of the instance (config <c>max_routes</c>).</param>
/// <param name="MaxRoutesPerInput">Routes whose data arrives on one interface (config
/// <c>max_routes_per_interface</c>).</param>
internal sealed record ProxyOptions(
    long DataCheckIntervalMs = 20_000,
    int SourceExpansionLimit = 16,
    int MaxRoutes = RouteLimits.DefaultMaxRoutes,
    int MaxRoutesPerInput = RouteLimits.DefaultMaxPerInput)
{
    public static ProxyOptions Default { get; } = new();

    /// <summary>
    /// The route bounds; a route with no outputs is checked every quarter of the data-check
    /// interval (5 s by default), so one nobody watches goes 5–10 s after its last packet.
    /// </summary>
    public RouteLimits RouteLimits => new(MaxRoutes, MaxRoutesPerInput, Math.Max(1, DataCheckIntervalMs / 4));
}
