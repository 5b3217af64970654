namespace McProxy.Protocol.Membership;

/// <summary>Counters of one downstream interface (for -s output); plain fields, single-threaded.</summary>
internal sealed class MembershipCounters
{
    /// <summary>IGMPv3/MLDv2 group records received.</summary>
    public long RecordsReceived;

    /// <summary>IGMPv1/v2 and MLDv1 reports received.</summary>
    public long OldReportsReceived;

    /// <summary>IGMPv2 leaves and MLDv1 dones received.</summary>
    public long LeavesReceived;

    public long QueriesReceived;

    /// <summary>Queries of an older version than the one we send (RFC 3376 §7.3.1: a misconfiguration).</summary>
    public long OlderQueries;

    /// <summary>Queries from an address no router on the link can have (0.0.0.0/8, outside its subnets): ignored.</summary>
    public long ForeignQueries;

    public long QueriesSent;

    /// <summary>Reports and leaves from the router's own address on the link (our own host stack's): ignored.</summary>
    public long OwnReports;

    /// <summary>Inputs dropped: link-local or non-multicast group, wrong family, ignored per compat rules.</summary>
    public long Ignored;

    public long GroupLimitRefusals;

    public long SourceLimitRefusals;

    public long HostLimitRefusals;

    /// <summary>Groups or sources refused because the reporting host used up its share (host_share).</summary>
    public long HostShareRefusals;

    /// <summary>Leaves that stopped forwarding at once (fast leave).</summary>
    public long FastLeaves;

    /// <summary>Leaves the leaving host contradicted by answering the query that followed (forged leaves).</summary>
    public long ForgedLeaves;

    public long LimitRefusals => GroupLimitRefusals + SourceLimitRefusals + HostLimitRefusals + HostShareRefusals;
}
