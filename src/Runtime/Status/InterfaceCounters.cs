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
    public long LimitHits => GroupLimitHits + SourceLimitHits + HostLimitHits;

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
        c.FastLeaves);
}
