using System;
using System.Buffers.Binary;

namespace McProxy.Protocol.Wire;

/// <summary>
/// Walks the group records of a report that <see cref="IgmpCodec"/> or <see cref="MldCodec"/>
/// already bounds-checked, skipping unusable records (see <see cref="GroupValidity.IsUsableRecord"/>).
/// Usable in foreach; allocates nothing.
/// </summary>
internal ref struct GroupRecordEnumerator
{
    /// <summary>type(1) aux data len(1) number of sources(2) before the group address.</summary>
    public const int FixedLength = 4;

    private ReadOnlySpan<byte> _rest;
    private int _remaining;
    private readonly int _addrLength;
    private GroupRecord _current;

    public GroupRecordEnumerator(ReadOnlySpan<byte> records, int recordCount, int addrLength)
    {
        _rest = records;
        _remaining = recordCount;
        _addrLength = addrLength;
        _current = default;
    }

    public readonly GroupRecord Current => _current;

    public readonly GroupRecordEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        bool v6 = _addrLength == 16;
        while (_remaining > 0)
        {
            _remaining--;
            int sourceCount = BinaryPrimitives.ReadUInt16BigEndian(_rest[2..]);
            int length = RecordLength(_rest[1], sourceCount, _addrLength);
            byte type = _rest[0];
            Addr group = AddrList.Read(_rest[FixedLength..], _addrLength, 0);
            ReadOnlySpan<byte> sources = _rest.Slice(FixedLength + _addrLength, sourceCount * _addrLength);
            _rest = _rest[length..];
            if (GroupValidity.IsUsableRecord(type, group, v6))
            {
                _current = new GroupRecord((RecordType)type, group, sourceCount, sources, _addrLength);
                return true;
            }
        }

        return false;
    }

    /// <summary>Bytes of a record with the given aux data length (32-bit words) and source count.</summary>
    public static int RecordLength(int auxWords, int sourceCount, int addrLength) =>
        FixedLength + addrLength + (sourceCount * addrLength) + (auxWords * 4);

    /// <summary>
    /// Checks that <paramref name="recordCount"/> records fit in <paramref name="records"/> and
    /// counts the usable ones; false when a record header, its sources or its aux data overrun.
    /// </summary>
    public static bool Validate(ReadOnlySpan<byte> records, int recordCount, int addrLength, out int usable)
    {
        usable = 0;
        bool v6 = addrLength == 16;
        for (int i = 0; i < recordCount; i++)
        {
            if (records.Length < FixedLength + addrLength)
            {
                return false;
            }

            int sourceCount = BinaryPrimitives.ReadUInt16BigEndian(records[2..]);
            int length = RecordLength(records[1], sourceCount, addrLength);
            if (length > records.Length)
            {
                return false;
            }

            if (GroupValidity.IsUsableRecord(records[0], AddrList.Read(records[FixedLength..], addrLength, 0), v6))
            {
                usable++;
            }

            records = records[length..];
        }

        return true;
    }
}
