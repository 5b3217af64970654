namespace McProxy.Protocol.Wire;

/// <summary>The fields of a received IPv4 header that membership processing needs.</summary>
internal readonly record struct Ipv4HeaderInfo(
    int HeaderLength,
    int TotalLength,
    int Ttl,
    byte Protocol,
    Addr Source,
    Addr Destination,
    bool RouterAlert)
{
    /// <summary>Length of the payload (total length minus header length).</summary>
    public int PayloadLength => TotalLength - HeaderLength;
}
