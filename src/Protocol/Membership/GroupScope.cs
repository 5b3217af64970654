using McProxy.Config.Model;

namespace McProxy.Protocol.Membership;

/// <summary>Which groups a proxy keeps off its upstreams and out of routing (docs/behaviour.md §4.7).</summary>
internal static class GroupScope
{
    private static readonly Addr SsdpV4 = Addr.FromV4(239, 255, 255, 250);

    // IANA assigns SSDP the variable-scope address ff0X::c (UPnP device architecture 2.0 §1.1.2
    // uses ff02::c, ff05::c, ff08::c and ff0e::c). Any scope matches: flags 0, group id c.
    private const ulong SsdpV6HiMask = 0xFFF0_FFFF_FFFF_FFFFUL;
    private const ulong SsdpV6Hi = 0xFF00_0000_0000_0000UL;
    private const ulong SsdpV6Lo = 0x0000_0000_0000_000CUL;

    /// <summary>
    /// Link-local scope (224.0.0.0/24, ff01::/16, ff02::/16, RFC 5771 §4 / RFC 4291 §2.7): a
    /// router never forwards such packets nor subscribes them elsewhere; ISPs cut subscribers
    /// who report 224.0.0.x upstream (igmpproxy #61).
    /// </summary>
    public static bool IsLinkLocal(Addr group) => group.IsLinkLocalScopeMulticast;

    /// <summary>SSDP discovery groups (239.255.255.250, ff0X::c in every scope): LAN chatter, kept off upstreams unless proxy_ssdp is set.</summary>
    public static bool IsSsdp(Addr group) =>
        group == SsdpV4 || (!group.IsV4 && (group.Hi & SsdpV6HiMask) == SsdpV6Hi && group.Lo == SsdpV6Lo);

    /// <summary>
    /// Source-specific multicast (RFC 4607 §1, RFC 4604 §2.2): the configured ranges, or by
    /// default the IANA ones, 232.0.0.0/8 and ff3x::/32 (flags 3, any scope, prefix length 0).
    /// </summary>
    public static bool IsSsm(Addr group, EquatableArray<AddrRange>? configured)
    {
        if (configured is EquatableArray<AddrRange> ranges)
        {
            foreach (AddrRange r in ranges.AsSpan())
            {
                if (r.Contains(group))
                {
                    return true;
                }
            }

            return false;
        }

        return group.IsV4
            ? (group.V4 >> 24) == 232
            : (group.Hi >> 52) == 0xFF3 && ((group.Hi >> 32) & 0xFFFF) == 0;
    }

    /// <summary>Whether <paramref name="group"/> may be subscribed on, or forwarded to, an upstream.</summary>
    public static bool MayGoUpstream(Addr group, bool proxySsdp) =>
        !IsLinkLocal(group) && (proxySsdp || !IsSsdp(group));
}
