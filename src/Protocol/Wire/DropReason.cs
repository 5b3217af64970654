namespace McProxy.Protocol.Wire;

/// <summary>
/// Why a received packet was not turned into a membership message; feeds per-reason drop
/// counters. <see cref="UnknownType"/> is not an error (other ICMPv6/IGMP traffic): it is
/// counted like the others (a flood of it must cost the receive budget and show in status) but
/// not logged above debug level.
/// </summary>
internal enum DropReason : byte
{
    None = 0,

    /// <summary>Shorter than the fixed part of its message type.</summary>
    Truncated,

    /// <summary>IGMP or ICMPv6 checksum mismatch.</summary>
    BadChecksum,

    /// <summary>A source/record count or aux data length runs past the bytes present, or a
    /// query length that RFC 3376 §7.1 / RFC 3810 §8.1 say to ignore.</summary>
    BadLength,

    /// <summary>Not a membership message (DVMRP, PIMv1, mtrace, other ICMPv6 types).</summary>
    UnknownType,

    /// <summary>The report/leave/query group is not a multicast address of the family.</summary>
    NotMulticastGroup,

    /// <summary>A v1/v2 report or leave/done for 224.0.0.0/24 or an IPv6 scope ≤ 2 group
    /// (RFC 3376 §4.2.12 / RFC 3810 §5.2.12 style: never managed).</summary>
    LinkLocalGroup,

    /// <summary>IPv4 TTL or IPv6 hop limit other than 1 (RFC 3376 §4, RFC 3810 §5).</summary>
    BadTtl,

    /// <summary>MLD message from a source outside fe80::/10, :: included (RFC 3810 §5.1.14,
    /// §5.2.13: reports from :: are for snooping switches, a router discards them).</summary>
    NonLinkLocalSource,

    /// <summary>IGMP from a multicast or broadcast source, or a source of the wrong family.</summary>
    BadSource,

    /// <summary>A general query carrying sources (RFC 3376 §4.1.9, RFC 3810 §5.1.10).</summary>
    InvalidQuery,

    /// <summary>The IPv4 header in front of an IGMP message is malformed or not IGMP.</summary>
    BadIpHeader,

    /// <summary>A query not addressed to all-systems (224.0.0.1 / ff02::1) nor to the group it
    /// asks about (RFC 3376 §4.1.12, RFC 3810 §5.1.15): e.g. sent unicast to the router, where
    /// no host sees it, to win the election unnoticed.</summary>
    BadDestination,

    /// <summary>Not a drop: a record or query with more sources than the receive scratch space
    /// (4096) was used with the sources that fit, and counted here so that it shows.</summary>
    SourcesCut,
}
