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
internal sealed record ProxyOptions(long DataCheckIntervalMs = 20_000, int SourceExpansionLimit = 16)
{
    public static ProxyOptions Default { get; } = new();
}
