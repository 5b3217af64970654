using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Platform.Interfaces;

/// <summary>A link as rtnetlink reports it: index, name and IFF_* flags.</summary>
internal readonly record struct LinkInfo(int IfIndex, string Name, uint Flags)
{
    /// <summary>Administratively up and with carrier (IFF_UP and IFF_RUNNING).</summary>
    public bool IsUp => (Flags & (Netlink.IFF_UP | Netlink.IFF_RUNNING)) == (Netlink.IFF_UP | Netlink.IFF_RUNNING);
}
