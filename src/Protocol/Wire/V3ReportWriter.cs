using System;
using System.Buffers.Binary;

namespace McProxy.Protocol.Wire;

/// <summary>
/// Writes an IGMPv3 (RFC 3376 §4.2) or MLDv2 (RFC 3810 §5.2) report into a caller's buffer:
/// the 8-byte header, then records added one by one, then the checksum on Finish. Raw record
/// types and aux data (zero-filled) are allowed so tests and hardening corpora can write
/// messages that receivers must skip.
/// </summary>
internal ref struct V3ReportWriter
{
    private const int HeaderLength = 8;

    private readonly Span<byte> _dest;
    private readonly IpFamily _family;
    private readonly int _addrLength;
    private int _length;
    private int _records;

    public V3ReportWriter(Span<byte> dest, IpFamily family)
    {
        IgmpCodec.CheckRoom(dest, HeaderLength);
        _dest = dest;
        _family = family;
        _addrLength = family == IpFamily.V4 ? 4 : 16;
        _dest[..HeaderLength].Clear();
        _dest[0] = family == IpFamily.V4 ? IgmpCodec.TypeV3Report : MldCodec.TypeV2Report;
        _length = HeaderLength;
        _records = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _length;

    public readonly int RecordCount => _records;

    /// <summary>Appends a group record.</summary>
    public void AddRecord(RecordType type, Addr group, ReadOnlySpan<Addr> sources, int auxWords = 0) =>
        AddRawRecord((byte)type, group, sources, auxWords);

    /// <summary>Appends a record with any type byte and <paramref name="auxWords"/> 32-bit words of zero aux data.</summary>
    public void AddRawRecord(byte type, Addr group, ReadOnlySpan<Addr> sources, int auxWords = 0)
    {
        if (sources.Length > ushort.MaxValue || auxWords is < 0 or > byte.MaxValue || _records == ushort.MaxValue)
        {
            throw new ArgumentException("record does not fit the format");
        }

        int length = GroupRecordEnumerator.RecordLength(auxWords, sources.Length, _addrLength);
        IgmpCodec.CheckRoom(_dest[_length..], length);
        Span<byte> r = _dest.Slice(_length, length);
        r[0] = type;
        r[1] = (byte)auxWords;
        BinaryPrimitives.WriteUInt16BigEndian(r[2..], (ushort)sources.Length);
        AddrList.Write(group, _addrLength, r[GroupRecordEnumerator.FixedLength..]);
        int sourceBytes = AddrList.Write(sources, _addrLength, r[(GroupRecordEnumerator.FixedLength + _addrLength)..]);
        r[(GroupRecordEnumerator.FixedLength + _addrLength + sourceBytes)..].Clear();
        _length += length;
        _records++;
    }

    /// <summary>Completes an IGMPv3 report; returns its length.</summary>
    public readonly int Finish()
    {
        if (_family != IpFamily.V4)
        {
            throw new InvalidOperationException("an MLDv2 report needs the pseudo-header addresses");
        }

        Span<byte> m = WriteCount();
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], InetChecksum.Compute(m));
        return _length;
    }

    /// <summary>Completes an MLDv2 report with the checksum over the pseudo-header; returns its length.</summary>
    public readonly int Finish(Addr source, Addr destination)
    {
        if (_family != IpFamily.V6)
        {
            throw new InvalidOperationException("an IGMPv3 report has no pseudo-header");
        }

        Span<byte> m = WriteCount();
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], InetChecksum.ComputeIcmpv6(source, destination, m));
        return _length;
    }

    private readonly Span<byte> WriteCount()
    {
        Span<byte> m = _dest[.._length];
        m[2] = 0;
        m[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(m[6..], (ushort)_records);
        return m;
    }
}
