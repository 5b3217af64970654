namespace McProxy.Platform.Interfaces;

/// <summary>Told by <see cref="NetlinkWatcher"/> when the interface inventory changed.</summary>
internal interface INetlinkListener
{
    /// <summary>A link appeared, was renamed, or its up state (IFF_UP and IFF_RUNNING) changed.</summary>
    void LinkChanged(int ifindex, string name, bool up);

    /// <summary>A link was deleted.</summary>
    void LinkRemoved(int ifindex, string name);

    /// <summary>The IPv4 addresses or the IPv6 link-local address of a link changed.</summary>
    void AddressChanged(int ifindex);
}
