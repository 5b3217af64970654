namespace McProxy.Protocol.Proxying;

/// <summary>Which groups a proxy keeps off its upstreams and out of routing (peers-and-users §2 item 16).</summary>
internal static class GroupScope
{
    private static readonly Addr SsdpV4 = Addr.FromV4(239, 255, 255, 250);

    // ff05::c, the site-local SSDP group (UPnP device architecture); ff02::c is link-local anyway.
    private static readonly Addr SsdpV6Site = new(0xFF05_0000_0000_0000UL, 0x0000_0000_0000_000CUL);

    /// <summary>
    /// Link-local scope (224.0.0.0/24, ff01::/16, ff02::/16, RFC 5771 §4 / RFC 4291 §2.7): a
    /// router never forwards such packets nor subscribes them elsewhere; ISPs cut subscribers
    /// who report 224.0.0.x upstream (igmpproxy #61).
    /// </summary>
    public static bool IsLinkLocal(Addr group) => group.IsLinkLocalScopeMulticast;

    /// <summary>SSDP discovery groups: LAN chatter, kept off upstreams unless proxy_ssdp is set.</summary>
    public static bool IsSsdp(Addr group) => group == SsdpV4 || group == SsdpV6Site;

    /// <summary>Whether <paramref name="group"/> may be subscribed on, or forwarded to, an upstream.</summary>
    public static bool MayGoUpstream(Addr group, bool proxySsdp) =>
        !IsLinkLocal(group) && (proxySsdp || !IsSsdp(group));
}
