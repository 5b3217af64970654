namespace McProxy.Protocol.Membership;

/// <summary>A host known to listen to a group (explicit tracking for safe fast leave), live until <see cref="Expires"/>.</summary>
internal struct HostEntry
{
    public Addr Host;
    public long Expires;
}
