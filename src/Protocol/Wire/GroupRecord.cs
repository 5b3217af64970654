using System;

namespace McProxy.Protocol.Wire;

/// <summary>
/// One group record of an IGMPv3 or MLDv2 report (RFC 3376 §4.2.4, RFC 3810 §5.2.4), viewing
/// the packet's bytes. Only records with a known type and a managed group are ever yielded.
/// </summary>
internal readonly ref struct GroupRecord
{
    private readonly ReadOnlySpan<byte> _sources;
    private readonly int _addrLength;

    public GroupRecord(RecordType type, Addr group, int sourceCount, ReadOnlySpan<byte> sources, int addrLength)
    {
        Type = type;
        Group = group;
        SourceCount = sourceCount;
        _sources = sources;
        _addrLength = addrLength;
    }

    public RecordType Type { get; }

    public Addr Group { get; }

    public int SourceCount { get; }

    /// <summary>Source number <paramref name="index"/> (0 ≤ index &lt; SourceCount).</summary>
    public Addr GetSource(int index)
    {
        if ((uint)index >= (uint)SourceCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return AddrList.Read(_sources, _addrLength, index);
    }

    /// <summary>Copies sources from <paramref name="start"/> on into <paramref name="dest"/>, as
    /// many as fit (call again with a larger start to page); returns the number copied.</summary>
    public int CopySources(Span<Addr> dest, int start = 0) =>
        AddrList.Copy(_sources, _addrLength, SourceCount, dest, start);
}
