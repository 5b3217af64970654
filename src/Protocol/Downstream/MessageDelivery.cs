using System;
using McProxy.Protocol.Wire;

namespace McProxy.Protocol.Downstream;

/// <summary>
/// Hands one decoded membership message to a downstream's querier and membership table: the
/// single dispatch used by the daemon and by the pipeline tests, so what is fuzzed is what runs.
/// </summary>
internal static class MessageDelivery
{
    /// <param name="scratch">Room for the sources of one record or query (reused, never kept).</param>
    public static void Deliver(DownstreamInterface d, long now, Addr source, in MembershipMessage msg, Span<Addr> scratch)
    {
        switch (msg.Kind)
        {
            case MessageKind.GeneralQuery:
            case MessageKind.GroupQuery:
            case MessageKind.GroupSourceQuery:
                int n = msg.CopyQuerySources(scratch);
                d.OnQuery(now, source, msg.Query, scratch[..n]);
                break;
            case MessageKind.V1Report:
                d.OnV1Report(now, source, msg.Group);
                break;
            case MessageKind.V2Report:
                d.OnV2Report(now, source, msg.Group);
                break;
            case MessageKind.Leave:
                d.OnLeave(now, source, msg.Group);
                break;
            case MessageKind.V3Report:
                foreach (GroupRecord record in msg.Records)
                {
                    int count = record.CopySources(scratch);
                    d.OnRecord(now, source, record.Type, record.Group, scratch[..count]);
                }

                break;
        }
    }
}
