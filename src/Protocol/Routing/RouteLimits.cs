namespace McProxy.Protocol.Routing;

/// <summary>
/// Bounds on the routes of one instance (issue 13 item 3: every data packet to a new (S,G)
/// creates a route and a kernel entry, so a LAN host sending to random groups could otherwise
/// grow both without end).
/// </summary>
/// <param name="MaxRoutes">Routes (kernel entries) of the instance.</param>
/// <param name="MaxPerInput">Routes whose data arrives on one interface, so a flood on one link
/// cannot evict the routes of the others.</param>
/// <param name="IdleCheckIntervalMs">The check interval of a route with no outputs (shorter than
/// the data-check interval: such an entry only keeps the kernel quiet, nobody watches it).</param>
internal readonly record struct RouteLimits(int MaxRoutes, int MaxPerInput, long IdleCheckIntervalMs)
{
    /// <summary>Default routes per instance: far above a home's channels and LAN sources, a few hundred KB of kernel memory.</summary>
    public const int DefaultMaxRoutes = 2048;

    /// <summary>Default routes per input: half the instance's, so one flooded link leaves room for the others.</summary>
    public const int DefaultMaxPerInput = 1024;

    /// <summary>No limit and no shorter idle check (tests of lifetime alone).</summary>
    public static RouteLimits None(long checkIntervalMs) => new(int.MaxValue, int.MaxValue, checkIntervalMs);
}
