using System;
using System.Buffers.Binary;
using System.Text;
using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Platform.Interfaces;

/// <summary>
/// Pure, bounds-checked decoding of rtnetlink messages (linux/netlink.h, linux/rtnetlink.h):
/// nlmsghdr framing, RTM_NEWLINK/DELLINK (ifinfomsg + IFLA_*), RTM_NEWADDR/DELADDR (ifaddrmsg +
/// IFA_*) and NLMSG_ERROR. Netlink uses host byte order.
/// </summary>
internal static class NetlinkParser
{
    public const int HeaderSize = 16;

    /// <summary>One netlink message: header fields and the payload after the header.</summary>
    public readonly ref struct Message
    {
        public Message(ushort type, ushort flags, uint seq, ReadOnlySpan<byte> payload)
        {
            Type = type;
            Flags = flags;
            Seq = seq;
            Payload = payload;
        }

        public ushort Type { get; }

        public ushort Flags { get; }

        public uint Seq { get; }

        public ReadOnlySpan<byte> Payload { get; }
    }

    /// <summary>Next message at <paramref name="offset"/> (NLMSG_OK/NLMSG_NEXT); false at the end or on a bad length.</summary>
    public static bool TryNext(ReadOnlySpan<byte> buffer, scoped ref int offset, out Message message)
    {
        message = default;
        if (offset < 0 || buffer.Length - offset < HeaderSize)
        {
            return false;
        }

        ReadOnlySpan<byte> h = buffer[offset..];
        uint len = U32(h);
        if (len < HeaderSize || len > (uint)h.Length)
        {
            return false;
        }

        message = new Message(U16(h[4..]), U16(h[6..]), U32(h[8..]), h[HeaderSize..(int)len]);
        offset += Netlink.Align((int)len);
        return true;
    }

    /// <summary>The (negative) errno of an NLMSG_ERROR payload; 0 is an ACK.</summary>
    public static bool TryParseError(ReadOnlySpan<byte> payload, out int error)
    {
        error = payload.Length >= 4 ? (int)U32(payload) : 0;
        return payload.Length >= 4;
    }

    /// <summary>Decodes an RTM_NEWLINK/RTM_DELLINK payload.</summary>
    public static bool TryParseLink(ReadOnlySpan<byte> payload, out LinkInfo link)
    {
        link = default;
        if (payload.Length < 16)
        {
            return false;
        }

        int index = (int)U32(payload[4..]);
        uint flags = U32(payload[8..]);
        string? name = null;
        int offset = 16;
        while (TryNextAttribute(payload, ref offset, out ushort type, out ReadOnlySpan<byte> data))
        {
            if (type == Netlink.IFLA_IFNAME)
            {
                int end = data.IndexOf((byte)0);
                name = Encoding.UTF8.GetString(end < 0 ? data : data[..end]);
            }
        }

        link = new LinkInfo(index, name ?? string.Empty, flags);
        return index > 0;
    }

    /// <summary>
    /// Decodes an RTM_NEWADDR/RTM_DELADDR payload. The address is IFA_LOCAL when present (on
    /// point-to-point links IFA_ADDRESS is the peer), else IFA_ADDRESS.
    /// </summary>
    public static bool TryParseAddress(ReadOnlySpan<byte> payload, out AddressInfo address)
    {
        address = default;
        if (payload.Length < 8)
        {
            return false;
        }

        byte family = payload[0];
        int alen = family == 2 ? 4 : family == 10 ? 16 : 0;
        if (alen == 0)
        {
            return false;
        }

        Addr local = default;
        Addr addr = default;
        bool haveLocal = false;
        bool haveAddr = false;
        uint flags = payload[2];
        int offset = 8;
        while (TryNextAttribute(payload, ref offset, out ushort type, out ReadOnlySpan<byte> data))
        {
            if (type == Netlink.IFA_FLAGS && data.Length >= 4)
            {
                flags = U32(data);
                continue;
            }

            if (data.Length < alen)
            {
                continue;
            }

            if (type == Netlink.IFA_LOCAL)
            {
                local = Addr.FromBytes(data[..alen]);
                haveLocal = true;
            }
            else if (type == Netlink.IFA_ADDRESS)
            {
                addr = Addr.FromBytes(data[..alen]);
                haveAddr = true;
            }
        }

        if (!haveLocal && !haveAddr)
        {
            return false;
        }

        address = new AddressInfo((int)U32(payload[4..]), haveLocal ? local : addr, payload[1], payload[3], flags);
        return true;
    }

    /// <summary>Next rtattr (RTA_OK/RTA_NEXT) at <paramref name="offset"/>.</summary>
    public static bool TryNextAttribute(ReadOnlySpan<byte> payload, scoped ref int offset, out ushort type, out ReadOnlySpan<byte> data)
    {
        type = 0;
        data = default;
        if (offset < 0 || payload.Length - offset < 4)
        {
            return false;
        }

        int len = U16(payload[offset..]);
        if (len < 4 || len > payload.Length - offset)
        {
            return false;
        }

        type = (ushort)(U16(payload[(offset + 2)..]) & 0x3FFF); // strip NLA_F_NESTED / NLA_F_NET_BYTEORDER
        data = payload.Slice(offset + 4, len - 4);
        offset += Netlink.Align(len);
        return true;
    }

    private static uint U32(ReadOnlySpan<byte> b) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);

    private static ushort U16(ReadOnlySpan<byte> b) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
}
