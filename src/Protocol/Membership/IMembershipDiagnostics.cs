namespace McProxy.Protocol.Membership;

/// <summary>
/// Optional observer of refusals, so the runtime can log them (rate-limited); the pure core
/// only counts them in <see cref="MembershipCounters"/>.
/// </summary>
internal interface IMembershipDiagnostics
{
    void OnLimitRefused(int interfaceId, MembershipLimit limit, Addr group, Addr reporter);
}
