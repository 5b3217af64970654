namespace McProxy.Protocol.Wire;

/// <summary>
/// What the socket layer knows about a received IGMP/MLD message besides its bytes.
/// </summary>
/// <param name="Source">IP source address.</param>
/// <param name="Destination">IP destination address (used for the ICMPv6 pseudo-header).</param>
/// <param name="HopLimit">IPv4 TTL or IPv6 hop limit; -1 when unknown (not checked).</param>
/// <param name="RouterAlert">A Router Alert option was present (informational: its absence is
/// tolerated because some switches strip it).</param>
/// <param name="ChecksumVerified">The kernel already verified the checksum (raw ICMPv6
/// sockets do); when false the codec verifies it.</param>
internal readonly record struct ReceiveMeta(
    Addr Source,
    Addr Destination,
    int HopLimit,
    bool RouterAlert,
    bool ChecksumVerified = false)
{
    public const int UnknownHopLimit = -1;

    /// <summary>Meta data of an IGMP message from its IPv4 header (checksum not verified).</summary>
    public static ReceiveMeta FromIpv4(in Ipv4HeaderInfo ip) =>
        new(ip.Source, ip.Destination, ip.Ttl, ip.RouterAlert);
}
