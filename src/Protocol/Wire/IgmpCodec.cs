using System;
using System.Buffers.Binary;

namespace McProxy.Protocol.Wire;

/// <summary>
/// IGMPv1 (RFC 1112), IGMPv2 (RFC 2236) and IGMPv3 (RFC 3376 §4) messages: strict,
/// allocation-free parsing of received messages and building of queries and reports.
/// </summary>
internal static partial class IgmpCodec
{
    public const byte TypeQuery = 0x11;
    public const byte TypeV1Report = 0x12;
    public const byte TypeV2Report = 0x16;
    public const byte TypeLeave = 0x17;
    public const byte TypeV3Report = 0x22;

    /// <summary>type, code, checksum, group: every IGMP message starts with these 8 bytes.</summary>
    public const int HeaderLength = 8;

    /// <summary>Fixed part of an IGMPv3 query (RFC 3376 §4.1).</summary>
    public const int V3QueryHeaderLength = 12;

    private const int AddrLength = 4;

    /// <summary>RFC 2236 §4: an IGMPv1 query (code 0) stands for a Max Response Time of 10 s.</summary>
    private const int V1QueryMaxRespMs = 10_000;

    /// <summary>Parses an IGMP message (the IP payload, up to the IP total length).</summary>
    public static DropReason Parse(ReadOnlySpan<byte> igmp, scoped in ReceiveMeta meta, out MembershipMessage msg)
    {
        msg = default;
        if (igmp.Length == 0)
        {
            return DropReason.Truncated;
        }

        byte type = igmp[0];
        if (type is not (TypeQuery or TypeV1Report or TypeV2Report or TypeLeave or TypeV3Report))
        {
            return DropReason.UnknownType;
        }

        if (igmp.Length < HeaderLength)
        {
            return DropReason.Truncated;
        }

        if (!meta.ChecksumVerified && !InetChecksum.Verify(igmp))
        {
            return DropReason.BadChecksum;
        }

        DropReason reason = CheckMeta(meta);
        if (reason != DropReason.None)
        {
            return reason;
        }

        return type switch
        {
            TypeQuery => GroupValidity.CheckQuery(ParseQuery(igmp, out msg), meta.Destination, v6: false, ref msg),
            TypeV1Report => ParseGroupMessage(igmp, MessageKind.V1Report, ProtocolVersion.IGMPv1, out msg),
            TypeV2Report => ParseGroupMessage(igmp, MessageKind.V2Report, ProtocolVersion.IGMPv2, out msg),
            TypeLeave => ParseGroupMessage(igmp, MessageKind.Leave, ProtocolVersion.IGMPv2, out msg),
            _ => ParseV3Report(igmp, out msg),
        };
    }

    /// <summary>
    /// Parses a whole IPv4 packet as a raw IGMP socket delivers it: the header must be sound
    /// (<see cref="DropReason.BadIpHeader"/>) and carry protocol 2 (else
    /// <see cref="DropReason.UnknownType"/>, e.g. a kernel upcall with protocol 0).
    /// </summary>
    public static DropReason ParsePacket(ReadOnlySpan<byte> packet, out Ipv4HeaderInfo ip, out MembershipMessage msg)
    {
        msg = default;
        if (!Ipv4Header.TryParse(packet, out ip))
        {
            return DropReason.BadIpHeader;
        }

        if (ip.Protocol != Ipv4Header.ProtocolIgmp)
        {
            return DropReason.UnknownType;
        }

        ReceiveMeta meta = ReceiveMeta.FromIpv4(ip);
        return Parse(packet[ip.HeaderLength..ip.TotalLength], meta, out msg);
    }

    // RFC 3376 §4: TTL 1 (Router Alert tolerated when missing). Reports may come from 0.0.0.0
    // (RFC 3376 §4.2.13), but never from a multicast or broadcast address.
    private static DropReason CheckMeta(in ReceiveMeta meta)
    {
        if (meta.HopLimit != ReceiveMeta.UnknownHopLimit && meta.HopLimit != 1)
        {
            return DropReason.BadTtl;
        }

        Addr src = meta.Source;
        if (!src.IsV4 || src.IsMulticast || src.V4 == 0xFFFF_FFFFu)
        {
            return DropReason.BadSource;
        }

        return DropReason.None;
    }

    // RFC 3376 §7.1: length 8 and code 0 is IGMPv1, length 8 and code > 0 IGMPv2, length ≥ 12
    // IGMPv3 (bytes after the sources ignored); other lengths are silently ignored.
    private static DropReason ParseQuery(ReadOnlySpan<byte> igmp, out MembershipMessage msg)
    {
        msg = default;
        Addr group = Addr.FromBytes(igmp.Slice(4, AddrLength));
        if (igmp.Length == HeaderLength)
        {
            return igmp[1] == 0 ? ParseV1Query(out msg) : ParseV2Query(igmp[1], group, out msg);
        }

        if (igmp.Length < V3QueryHeaderLength)
        {
            return DropReason.BadLength;
        }

        int sourceCount = BinaryPrimitives.ReadUInt16BigEndian(igmp[10..]);
        if (V3QueryHeaderLength + (sourceCount * AddrLength) > igmp.Length)
        {
            return DropReason.BadLength;
        }

        DropReason reason = CheckQueryGroup(group, sourceCount);
        if (reason != DropReason.None)
        {
            return reason;
        }

        byte flags = igmp[8];
        var query = new QueryMessage(
            ProtocolVersion.IGMPv3,
            group,
            TimeCode.DecodeIgmpMaxResp(igmp[1]),
            (flags & 0x08) != 0,
            flags & 0x07,
            TimeCode.DecodeQqic(igmp[9]),
            sourceCount);
        msg = MembershipMessage.ForQuery(query, igmp.Slice(V3QueryHeaderLength, sourceCount * AddrLength), AddrLength);
        return DropReason.None;
    }

    // RFC 1112 App. I: the group field of a v1 query is zero when sent and ignored on receipt.
    private static DropReason ParseV1Query(out MembershipMessage msg)
    {
        var query = new QueryMessage(ProtocolVersion.IGMPv1, Addr.AnyV4, V1QueryMaxRespMs, false, 0, 0, 0);
        msg = MembershipMessage.ForQuery(query, default, AddrLength);
        return DropReason.None;
    }

    private static DropReason ParseV2Query(byte code, Addr group, out MembershipMessage msg)
    {
        msg = default;
        DropReason reason = CheckQueryGroup(group, 0);
        if (reason != DropReason.None)
        {
            return reason;
        }

        var query = new QueryMessage(ProtocolVersion.IGMPv2, group, code * 100, false, 0, 0, 0);
        msg = MembershipMessage.ForQuery(query, default, AddrLength);
        return DropReason.None;
    }

    // A query group is 0.0.0.0 (general; then no sources, RFC 3376 §4.1.9) or multicast.
    private static DropReason CheckQueryGroup(Addr group, int sourceCount)
    {
        if (group.IsUnspecified)
        {
            return sourceCount == 0 ? DropReason.None : DropReason.InvalidQuery;
        }

        return GroupValidity.IsMulticast(group, v6: false) ? DropReason.None : DropReason.NotMulticastGroup;
    }

    // v1/v2 reports and leaves: bytes after the first 8 are ignored (RFC 2236 §2.5).
    private static DropReason ParseGroupMessage(
        ReadOnlySpan<byte> igmp, MessageKind kind, ProtocolVersion version, out MembershipMessage msg)
    {
        msg = default;
        Addr group = Addr.FromBytes(igmp.Slice(4, AddrLength));
        DropReason reason = GroupValidity.CheckReportGroup(group, v6: false);
        if (reason != DropReason.None)
        {
            return reason;
        }

        msg = MembershipMessage.ForGroup(kind, version, group);
        return DropReason.None;
    }

    // RFC 3376 §4.2: type, reserved, checksum, reserved(2), number of group records (2), records.
    private static DropReason ParseV3Report(ReadOnlySpan<byte> igmp, out MembershipMessage msg)
    {
        msg = default;
        int recordCount = BinaryPrimitives.ReadUInt16BigEndian(igmp[6..]);
        ReadOnlySpan<byte> records = igmp[HeaderLength..];
        if (!GroupRecordEnumerator.Validate(records, recordCount, AddrLength, out int usable))
        {
            return DropReason.BadLength;
        }

        msg = MembershipMessage.ForV3Report(ProtocolVersion.IGMPv3, records, recordCount, AddrLength, usable);
        return DropReason.None;
    }
}
