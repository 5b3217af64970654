using System.Collections.Generic;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Protocol.Membership;

namespace McProxy.Tests.Membership;

/// <summary>Records every diagnostics call of a downstream interface.</summary>
internal sealed class RecordingDiagnostics : IMembershipDiagnostics
{
    public List<(MembershipLimit Limit, Addr Group, Addr Reporter)> Refusals { get; } = new();

    public List<(Addr Querier, ProtocolVersion Heard, ProtocolVersion Ours, long Suppressed)> OlderQueriers { get; } = new();

    public List<(Addr Group, Addr Reporter)> SsmIgnored { get; } = new();

    public List<(Addr Group, Addr Host, long SuspendedMs)> ForgedLeaves { get; } = new();

    public List<Addr> ForeignQueriers { get; } = new();

    public void OnForeignQuerier(int interfaceId, Addr querier) => ForeignQueriers.Add(querier);

    public void OnForgedLeave(int interfaceId, Addr group, Addr host, long suspendedMs) => ForgedLeaves.Add((group, host, suspendedMs));

    public void OnSsmIgnored(int interfaceId, Addr group, Addr reporter) => SsmIgnored.Add((group, reporter));

    public void OnLimitRefused(int interfaceId, MembershipLimit limit, Addr group, Addr reporter) =>
        Refusals.Add((limit, group, reporter));

    public void OnOlderQuerier(int interfaceId, Addr querier, ProtocolVersion heard, ProtocolVersion ours, long suppressed) =>
        OlderQueriers.Add((querier, heard, ours, suppressed));
}
