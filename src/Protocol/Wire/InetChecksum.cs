using System;
using System.Buffers.Binary;

namespace McProxy.Protocol.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum
/// of the data taken as big-endian 16-bit words, an odd trailing byte padded with zero. Values
/// are numbers whose big-endian bytes go on the wire.
/// </summary>
internal static class InetChecksum
{
    private const byte NextHeaderIcmpv6 = 58;

    /// <summary>Adds <paramref name="data"/> to a running (unfolded) sum. Chunks other than the
    /// last must have even length, as in any RFC 1071 incremental use.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        // 32-bit big-endian words summed into 64 bits fold to the same 16-bit result
        // (RFC 1071 §2(B): byte-order and width independence of the one's complement sum).
        while (data.Length >= 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data);
            data = data[4..];
        }

        if (data.Length >= 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data);
            data = data[2..];
        }

        if (data.Length == 1)
        {
            sum += (ulong)data[0] << 8;
        }

        return sum;
    }

    /// <summary>Folds a running sum to 16 bits with end-around carry (not complemented).</summary>
    public static ushort Fold(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)sum;
    }

    /// <summary>The checksum to store in a message whose checksum field is zero.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)~Fold(Add(0, data));

    /// <summary>True when data including its checksum field sums to all ones.</summary>
    public static bool Verify(ReadOnlySpan<byte> data) => Fold(Add(0, data)) == 0xFFFF;

    /// <summary>ICMPv6 checksum over the RFC 2460 §8.1 pseudo-header (source, destination,
    /// upper-layer length, next header 58) and the ICMPv6 message.</summary>
    public static ushort ComputeIcmpv6(Addr source, Addr destination, ReadOnlySpan<byte> icmp) =>
        (ushort)~Fold(Add(PseudoHeaderSum(source, destination, icmp.Length), icmp));

    /// <summary>Verifies an ICMPv6 message including its checksum field.</summary>
    public static bool VerifyIcmpv6(Addr source, Addr destination, ReadOnlySpan<byte> icmp) =>
        Fold(Add(PseudoHeaderSum(source, destination, icmp.Length), icmp)) == 0xFFFF;

    private static ulong PseudoHeaderSum(Addr source, Addr destination, int length)
    {
        ulong sum = 0;
        sum += (source.Hi >> 32) + (source.Hi & 0xFFFF_FFFF) + (source.Lo >> 32) + (source.Lo & 0xFFFF_FFFF);
        sum += (destination.Hi >> 32) + (destination.Hi & 0xFFFF_FFFF) +
               (destination.Lo >> 32) + (destination.Lo & 0xFFFF_FFFF);
        sum += (uint)length;
        sum += NextHeaderIcmpv6;
        return sum;
    }
}
