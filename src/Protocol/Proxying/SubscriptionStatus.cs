namespace McProxy.Protocol.Proxying;

/// <summary>A snapshot of the subscription applied on one upstream for one group (status output).</summary>
internal sealed record SubscriptionStatus(int UpstreamId, Addr Group, FilterMode Mode, Addr[] Sources)
{
    public override string ToString() =>
        $"{UpstreamId} {Group} {(Mode == FilterMode.Include ? "IN" : "EX")}{{{string.Join(",", Sources)}}}";
}
