namespace McProxy.Net;

/// <summary>An interface address with its prefix length, as the kernel reports it (IPv4).</summary>
internal readonly record struct Subnet(Addr Address, int PrefixLength)
{
    /// <summary>
    /// Whether <paramref name="a"/> is a host address of this subnet: inside the prefix and,
    /// for /30 and wider, neither the network nor the broadcast address (RFC 922, RFC 3021
    /// allows both hosts of a /31; a /32 holds only the interface itself).
    /// </summary>
    public bool HasHost(Addr a)
    {
        if (!a.IsV4 || !Address.IsV4 || PrefixLength is < 0 or > 32)
        {
            return false;
        }

        uint mask = PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);
        uint net = Address.V4 & mask;
        if ((a.V4 & mask) != net)
        {
            return false;
        }

        return PrefixLength >= 31 || (a.V4 != net && a.V4 != (net | ~mask));
    }
}
