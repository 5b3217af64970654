namespace McProxy.Protocol.Membership;

/// <summary>Deadline conventions shared by the membership and querier state (monotonic ms).</summary>
internal static class Deadline
{
    /// <summary>No timer running. A source whose timer is not running is in the EXCLUDE list (RFC 3376 §6.2.3).</summary>
    public const long Never = long.MaxValue;

    /// <summary>Milliseconds from <paramref name="now"/> to <paramref name="deadline"/>, 0 when due or not running.</summary>
    public static long Remaining(long deadline, long now) =>
        deadline == Never || deadline <= now ? 0 : deadline - now;
}
