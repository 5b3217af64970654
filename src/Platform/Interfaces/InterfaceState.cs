using System.Collections.Generic;

namespace McProxy.Platform.Interfaces;

/// <summary>What the inventory knows about one interface.</summary>
internal sealed class InterfaceState
{
    public InterfaceState(int ifIndex)
    {
        IfIndex = ifIndex;
    }

    public int IfIndex { get; }

    public string Name { get; set; } = string.Empty;

    public uint Flags { get; set; }

    public bool IsUp { get; set; }

    /// <summary>IPv4 addresses in the order the kernel reported them (the first is the primary).</summary>
    public List<Addr> V4Addresses { get; } = new();

    /// <summary>The same addresses with their prefix lengths (the link's subnets, for the querier election).</summary>
    public List<Subnet> V4Subnets { get; } = new();

    /// <summary>The IPv6 link-local unicast address (MLD query source, RFC 3810 §5.1.14); None when absent.</summary>
    public Addr LinkLocal { get; set; }

    /// <summary>Seen in the current re-dump (see <see cref="InterfaceInventory.BeginResync"/>).</summary>
    internal bool Seen { get; set; }
}
