using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Platform.Interfaces;

/// <summary>An interface address as rtnetlink reports it; <c>Flags</c> are IFA_F_* (IFA_FLAGS, else ifa_flags).</summary>
internal readonly record struct AddressInfo(int IfIndex, Addr Address, byte PrefixLength, byte Scope, uint Flags = 0)
{
    /// <summary>
    /// An IPv6 address still under duplicate address detection, or one that failed it: nothing
    /// can be sent from it yet (the kernel refuses it as a source, RFC 4862 §5.4), so it does not
    /// count until the kernel reports it again without the flag.
    /// </summary>
    public bool IsUnusable => (Flags & (Netlink.IFA_F_TENTATIVE | Netlink.IFA_F_DADFAILED)) != 0;
}
