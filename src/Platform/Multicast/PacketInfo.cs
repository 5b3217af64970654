using System;
using System.Buffers.Binary;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Multicast;

/// <summary>Pure readers of the control messages recvmsg returns (IP_PKTINFO, IPV6_PKTINFO, IPV6_HOPLIMIT, IPV6_HOPOPTS).</summary>
internal static class PacketInfo
{
    /// <summary>ipi_ifindex of an IP_PKTINFO control message, 0 when absent.</summary>
    public static int IfIndex4(ReadOnlySpan<byte> control)
    {
        int offset = 0;
        while (Libc.NextCmsg(control, ref offset, out int level, out int type, out ReadOnlySpan<byte> data))
        {
            if (level == Libc.IPPROTO_IP && type == Libc.IP_PKTINFO && data.Length >= 12)
            {
                return BitConverter.IsLittleEndian ? BinaryPrimitives.ReadInt32LittleEndian(data) : BinaryPrimitives.ReadInt32BigEndian(data);
            }
        }

        return 0;
    }

    /// <summary>
    /// IPv6 ancillary data: arrival interface and destination (IPV6_PKTINFO), hop limit
    /// (IPV6_HOPLIMIT, -1 when absent) and whether a Hop-by-Hop Router Alert option was present
    /// (IPV6_HOPOPTS, RFC 2711).
    /// </summary>
    public static int Read6(ReadOnlySpan<byte> control, out Addr destination, out int hopLimit, out bool routerAlert)
    {
        int ifindex = 0;
        destination = default;
        hopLimit = -1;
        routerAlert = false;
        int offset = 0;
        while (Libc.NextCmsg(control, ref offset, out int level, out int type, out ReadOnlySpan<byte> data))
        {
            if (level != Libc.IPPROTO_IPV6)
            {
                continue;
            }

            if (type == Libc.IPV6_PKTINFO && data.Length >= 20)
            {
                destination = Addr.FromV6Bytes(data[..16]);
                ifindex = ReadHostInt(data[16..]);
            }
            else if (type == Libc.IPV6_HOPLIMIT && data.Length >= 4)
            {
                hopLimit = ReadHostInt(data);
            }
            else if (type == Libc.IPV6_HOPOPTS)
            {
                routerAlert = HasRouterAlert(data);
            }
        }

        return ifindex;
    }

    /// <summary>Walks a Hop-by-Hop options header (RFC 8200 §4.3) for option type 5 (Router Alert).</summary>
    public static bool HasRouterAlert(ReadOnlySpan<byte> hopByHop)
    {
        if (hopByHop.Length < 2)
        {
            return false;
        }

        int end = Math.Min(hopByHop.Length, (hopByHop[1] + 1) * 8);
        int i = 2;
        while (i < end)
        {
            byte optType = hopByHop[i];
            if (optType == 0)
            {
                i++;
                continue;
            }

            if (i + 1 >= end)
            {
                return false;
            }

            int optLen = hopByHop[i + 1];
            if (i + 2 + optLen > end)
            {
                return false;
            }

            // Router Alert: type 5, length 2 (RFC 2711 §2.1).
            if (optType == 5 && optLen == 2)
            {
                return true;
            }

            i += 2 + optLen;
        }

        return false;
    }

    private static int ReadHostInt(ReadOnlySpan<byte> b) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadInt32LittleEndian(b) : BinaryPrimitives.ReadInt32BigEndian(b);
}
