using System;

namespace McProxy.Platform.Multicast;

/// <summary>Pure decoding of kernel upcalls read from an mroute socket (layouts: linux/mroute.h, linux/mroute6.h).</summary>
internal static class UpcallParser
{
    /// <summary>sizeof(struct igmpmsg).</summary>
    public const int IgmpMsgSize = 20;

    /// <summary>sizeof(struct mrt6msg).</summary>
    public const int Mrt6MsgSize = 40;

    /// <summary>
    /// An IPv4 datagram on the raw IGMP socket is an upcall when byte 9 (ip_p in an IP header,
    /// im_mbz in struct igmpmsg) is 0: real IGMP packets carry protocol 2 there.
    /// </summary>
    public static bool IsUpcall4(ReadOnlySpan<byte> datagram) => datagram.Length > 9 && datagram[9] == 0;

    /// <summary>Decodes a struct igmpmsg: im_msgtype at 8, im_vif at 10 (+ im_vif_hi at 11), im_src 12, im_dst 16.</summary>
    public static bool TryParse4(ReadOnlySpan<byte> datagram, out MrouteUpcall upcall)
    {
        if (datagram.Length < IgmpMsgSize || datagram[9] != 0 || datagram[8] == 0)
        {
            upcall = default;
            return false;
        }

        int vif = datagram[10] | (datagram[11] << 8);
        upcall = new MrouteUpcall((UpcallKind)datagram[8], vif, Addr.FromBytes(datagram.Slice(12, 4)), Addr.FromBytes(datagram.Slice(16, 4)));
        return true;
    }

    /// <summary>
    /// A datagram on the raw ICMPv6 socket is an upcall when byte 0 is 0: raw ICMPv6 sockets
    /// deliver no IPv6 header, and no ICMPv6 type is 0 (im6_mbz).
    /// </summary>
    public static bool IsUpcall6(ReadOnlySpan<byte> datagram) => datagram.Length > 0 && datagram[0] == 0;

    /// <summary>Decodes a struct mrt6msg: im6_msgtype at 1, im6_mif at 2 (host order u16), im6_src 8, im6_dst 24.</summary>
    public static bool TryParse6(ReadOnlySpan<byte> datagram, out MrouteUpcall upcall)
    {
        if (datagram.Length < Mrt6MsgSize || datagram[0] != 0 || datagram[1] == 0)
        {
            upcall = default;
            return false;
        }

        int mif = BitConverter.IsLittleEndian ? datagram[2] | (datagram[3] << 8) : (datagram[2] << 8) | datagram[3];
        upcall = new MrouteUpcall((UpcallKind)datagram[1], mif, Addr.FromV6Bytes(datagram.Slice(8, 16)), Addr.FromV6Bytes(datagram.Slice(24, 16)));
        return true;
    }
}
