using System;
using System.Buffers.Binary;
using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Platform.Interfaces;

/// <summary>Pure builders of rtnetlink requests into a caller's buffer (host byte order, NLMSG_ALIGN padding).</summary>
internal static class NetlinkRequest
{
    /// <summary>A dump request (RTM_GETLINK, RTM_GETADDR ...) with a zeroed family header of <paramref name="familyHeaderSize"/> bytes.</summary>
    public static int Dump(Span<byte> buffer, ushort type, uint seq, byte family, int familyHeaderSize)
    {
        int len = NetlinkParser.HeaderSize + familyHeaderSize;
        buffer[..Netlink.Align(len)].Clear();
        Header(buffer, len, type, (ushort)(Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP), seq);
        buffer[NetlinkParser.HeaderSize] = family;
        return len;
    }

    /// <summary>
    /// RTM_NEWRULE / RTM_DELRULE for an IPMR family: "iif|oif IFNAME lookup TABLE", what
    /// `ip mrule add iif eth1 lookup 5` sends (fib_rule_hdr + FRA_IIFNAME|FRA_OIFNAME + FRA_TABLE).
    /// </summary>
    public static int Rule(Span<byte> buffer, ushort type, uint seq, byte family, bool input, string ifname, uint table, uint priority)
    {
        int p = NetlinkParser.HeaderSize;
        buffer[..Math.Min(buffer.Length, 128)].Clear();
        buffer[p] = family;
        buffer[p + 4] = table < 256 ? (byte)table : Netlink.RT_TABLE_UNSPEC;
        buffer[p + 7] = Netlink.FR_ACT_TO_TBL;
        p += 12;
        int nameLen = System.Text.Encoding.UTF8.GetBytes(ifname, buffer[(p + 4)..]);
        buffer[p + 4 + nameLen] = 0;
        p = Attribute(buffer, p, input ? Netlink.FRA_IIFNAME : Netlink.FRA_OIFNAME, nameLen + 1);
        p = U32Attribute(buffer, p, Netlink.FRA_TABLE, table);
        if (priority != 0)
        {
            p = U32Attribute(buffer, p, Netlink.FRA_PRIORITY, priority);
        }

        ushort flags = (ushort)(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        if (type == Netlink.RTM_NEWRULE)
        {
            flags |= Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;
        }

        Header(buffer, p, type, flags, seq);
        return p;
    }

    private static int U32Attribute(Span<byte> buffer, int p, ushort type, uint value)
    {
        WriteU32(buffer[(p + 4)..], value);
        return Attribute(buffer, p, type, 4);
    }

    /// <summary>Writes an rtattr header for data already placed at p + 4; returns the aligned end.</summary>
    private static int Attribute(Span<byte> buffer, int p, ushort type, int dataLength)
    {
        WriteU16(buffer[p..], (ushort)(4 + dataLength));
        WriteU16(buffer[(p + 2)..], type);
        int end = p + Netlink.Align(4 + dataLength);
        buffer[(p + 4 + dataLength)..end].Clear();
        return end;
    }

    private static void Header(Span<byte> buffer, int len, ushort type, ushort flags, uint seq)
    {
        WriteU32(buffer, (uint)len);
        WriteU16(buffer[4..], type);
        WriteU16(buffer[6..], flags);
        WriteU32(buffer[8..], seq);
        WriteU32(buffer[12..], 0);
    }

    private static void WriteU32(Span<byte> b, uint v)
    {
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        }
    }

    private static void WriteU16(Span<byte> b, ushort v)
    {
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, v);
        }
    }
}
