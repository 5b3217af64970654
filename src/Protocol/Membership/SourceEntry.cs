namespace McProxy.Protocol.Membership;

/// <summary>
/// One source record of a group (RFC 3376 §6.2.3): address, source timer as a deadline
/// (<see cref="Deadline.Never"/> = not running, i.e. in the EXCLUDE list in EXCLUDE mode) and
/// the retransmission count of group-and-source specific queries (§6.6.3.2).
/// </summary>
internal struct SourceEntry
{
    public Addr Address;

    /// <summary>The host whose record created the entry (charged against its share of max_sources_per_group).</summary>
    public Addr Owner;
    public long Deadline;
    public int Retransmissions;
    public SourceFlags Flags;

    public readonly bool IsRunning => Deadline != Membership.Deadline.Never;
}
