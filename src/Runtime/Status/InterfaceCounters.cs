using McProxy.Protocol.Membership;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>A copy of one downstream's <see cref="MembershipCounters"/> at snapshot time.</summary>
internal sealed record InterfaceCounters(
    long Records,
    long OldReports,
    long Leaves,
    long QueriesReceived,
    long QueriesSent,
    long Ignored,
    long GroupLimitHits,
    long SourceLimitHits,
    long HostLimitHits,
    long FastLeaves)
{
    /// <summary>Groups or sources refused because the host used up its share (host_share).</summary>
    public long HostShareHits { get; init; }

    /// <summary>Leaves the leaving host contradicted (forged leaves; fast leave suspended).</summary>
    public long ForgedLeaves { get; init; }

    /// <summary>Queries of an older version than ours (a misconfigured router on the link).</summary>
    public long OlderQueries { get; init; }

    /// <summary>Queries from addresses outside the link's subnets (ignored).</summary>
    public long ForeignQueries { get; init; }

    /// <summary>Reports from the router's own address on the link (its own host stack's; ignored).</summary>
    public long OwnReports { get; init; }

    public long LimitHits => GroupLimitHits + SourceLimitHits + HostLimitHits + HostShareHits;

    public static InterfaceCounters From(MembershipCounters c) => new(
        c.RecordsReceived,
        c.OldReportsReceived,
        c.LeavesReceived,
        c.QueriesReceived,
        c.QueriesSent,
        c.Ignored,
        c.GroupLimitRefusals,
        c.SourceLimitRefusals,
        c.HostLimitRefusals,
        c.FastLeaves)
    {
        HostShareHits = c.HostShareRefusals,
        ForgedLeaves = c.ForgedLeaves,
        OlderQueries = c.OlderQueries,
        ForeignQueries = c.ForeignQueries,
        OwnReports = c.OwnReports,
    };
}
