using McProxy.Config.Model;

namespace McProxy.Protocol.Membership;

/// <summary>
/// Optional observer of what an operator should hear about, so the runtime can log it; the
/// pure core counts everything in <see cref="MembershipCounters"/> and rate-limits the calls
/// that can repeat with every packet where the runtime does not.
/// </summary>
internal interface IMembershipDiagnostics
{
    /// <summary>A configured limit refused a record (the runtime rate-limits per interface and kind).</summary>
    void OnLimitRefused(int interfaceId, MembershipLimit limit, Addr group, Addr reporter);

    /// <summary>
    /// A query of an older version than ours was heard (RFC 3376 §7.3.1, RFC 3810 §8.3.1: the
    /// router is misconfigured; warn, rate-limited). Called at most once per
    /// <see cref="Downstream.DownstreamInterface.OlderQuerierWarningIntervalMs"/> per interface;
    /// <paramref name="suppressed"/> counts the ones heard in between.
    /// </summary>
    void OnOlderQuerier(int interfaceId, Addr querier, ProtocolVersion heard, ProtocolVersion ours, long suppressed);

    /// <summary>
    /// An any-source request (IS_EX/TO_EX record, IGMPv1/v2 or MLDv1 message) for a group in an
    /// SSM range was ignored (RFC 4604 §2.2.3); the runtime rate-limits per interface.
    /// </summary>
    void OnSsmIgnored(int interfaceId, Addr group, Addr reporter);

    /// <summary>
    /// <paramref name="host"/> answered the query that followed its own leave of
    /// <paramref name="group"/>: the leave was forged (or the host rejoined at once). Fast leave
    /// is suspended on the interface for <paramref name="suspendedMs"/>; the runtime rate-limits.
    /// </summary>
    void OnForgedLeave(int interfaceId, Addr group, Addr host, long suspendedMs);

    /// <summary>A query from an address outside the link's subnets (or 0.0.0.0/8) was ignored; the runtime rate-limits.</summary>
    void OnForeignQuerier(int interfaceId, Addr querier);
}
