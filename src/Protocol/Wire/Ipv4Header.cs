using System;
using System.Buffers.Binary;

namespace McProxy.Protocol.Wire;

/// <summary>
/// Reads the IPv4 header that a raw IPPROTO_IGMP socket delivers in front of each message
/// (RFC 791 §3.1), walking the options to find an IP Router Alert (RFC 2113).
/// </summary>
internal static class Ipv4Header
{
    public const int MinLength = 20;
    public const byte ProtocolIgmp = 2;

    private const byte OptionEnd = 0;
    private const byte OptionNop = 1;
    private const byte OptionRouterAlert = 148;
    private const int RouterAlertLength = 4;

    /// <summary>
    /// False when the header is not IPv4, shorter than 20 bytes or than its IHL, when the total
    /// length does not fit the packet or is shorter than the header, or when an option is
    /// malformed (length below 2 or running past the header, a Router Alert not 4 bytes long).
    /// Bytes after Total Length (link padding) are allowed.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4HeaderInfo info)
    {
        info = default;
        if (packet.Length < MinLength || (packet[0] >> 4) != 4)
        {
            return false;
        }

        int headerLength = (packet[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < MinLength || headerLength > packet.Length ||
            totalLength < headerLength || totalLength > packet.Length)
        {
            return false;
        }

        if (!TryFindRouterAlert(packet[MinLength..headerLength], out bool routerAlert))
        {
            return false;
        }

        info = new Ipv4HeaderInfo(
            headerLength,
            totalLength,
            packet[8],
            packet[9],
            Addr.FromBytes(packet.Slice(12, 4)),
            Addr.FromBytes(packet.Slice(16, 4)),
            routerAlert);
        return true;
    }

    // RFC 791 §3.1 option format: End and NOP are single bytes, every other option is
    // type, length (counting type and length), data.
    private static bool TryFindRouterAlert(ReadOnlySpan<byte> options, out bool found)
    {
        found = false;
        while (options.Length > 0)
        {
            byte type = options[0];
            if (type == OptionEnd)
            {
                return true;
            }

            if (type == OptionNop)
            {
                options = options[1..];
                continue;
            }

            if (options.Length < 2 || options[1] < 2 || options[1] > options.Length)
            {
                return false;
            }

            int length = options[1];
            if (type == OptionRouterAlert)
            {
                if (length != RouterAlertLength)
                {
                    return false;
                }

                // RFC 2113 §2.1: value 0 means "examine"; other values are reserved, but we
                // accept any value as the option's presence is all that matters here.
                found = true;
            }

            options = options[length..];
        }

        return true;
    }
}
