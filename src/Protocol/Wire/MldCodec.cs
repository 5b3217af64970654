using System;
using System.Buffers.Binary;

namespace McProxy.Protocol.Wire;

/// <summary>
/// MLDv1 (RFC 2710) and MLDv2 (RFC 3810 §5) messages inside ICMPv6: strict, allocation-free
/// parsing and building. The input is the ICMPv6 message (raw ICMPv6 sockets deliver no IPv6
/// header; hop limit and Router Alert come from ancillary data into <see cref="ReceiveMeta"/>).
/// </summary>
internal static partial class MldCodec
{
    public const byte TypeQuery = 130;
    public const byte TypeV1Report = 131;
    public const byte TypeDone = 132;
    public const byte TypeV2Report = 143;

    /// <summary>MLDv1 message length and MLDv1 query length (RFC 2710 §3).</summary>
    public const int V1Length = 24;

    /// <summary>Fixed part of an MLDv2 query (RFC 3810 §5.1).</summary>
    public const int V2QueryHeaderLength = 28;

    /// <summary>Fixed part of an MLDv2 report (RFC 3810 §5.2).</summary>
    public const int V2ReportHeaderLength = 8;

    private const int AddrLength = 16;
    private const int GroupOffset = 8;

    /// <summary>Parses an ICMPv6 message; non-MLD types give <see cref="DropReason.UnknownType"/>.</summary>
    public static DropReason Parse(ReadOnlySpan<byte> icmpv6, scoped in ReceiveMeta meta, out MembershipMessage msg)
    {
        msg = default;
        if (icmpv6.Length == 0)
        {
            return DropReason.Truncated;
        }

        byte type = icmpv6[0];
        if (type is not (TypeQuery or TypeV1Report or TypeDone or TypeV2Report))
        {
            return DropReason.UnknownType;
        }

        if (icmpv6.Length < (type == TypeV2Report ? V2ReportHeaderLength : V1Length))
        {
            return DropReason.Truncated;
        }

        if (!meta.ChecksumVerified && !InetChecksum.VerifyIcmpv6(meta.Source, meta.Destination, icmpv6))
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
            TypeQuery => GroupValidity.CheckQuery(ParseQuery(icmpv6, out msg), meta.Destination, v6: true, ref msg),
            TypeV1Report => ParseGroupMessage(icmpv6, MessageKind.V2Report, out msg),
            TypeDone => ParseGroupMessage(icmpv6, MessageKind.Leave, out msg),
            _ => ParseV2Report(icmpv6, out msg),
        };
    }

    // RFC 3810 §5: hop limit 1 and a link-local source. §5.1.14: queries with a non-link-local
    // source are dropped. §5.2.13: a host sends MLDv2 reports from :: before it has a
    // link-local address (duplicate address detection); those are for snooping switches, and
    // a router discards them without acting on their contents. Router Alert stays optional on
    // receive (some switches strip it), see docs/protocol-decisions.md.
    private static DropReason CheckMeta(in ReceiveMeta meta)
    {
        if (meta.HopLimit != ReceiveMeta.UnknownHopLimit && meta.HopLimit != 1)
        {
            return DropReason.BadTtl;
        }

        return meta.Source.IsV6LinkLocalUnicast ? DropReason.None : DropReason.NonLinkLocalSource;
    }

    // RFC 3810 §8.1: length 24 is MLDv1, ≥ 28 MLDv2 (bytes after the sources ignored); other
    // lengths are silently ignored.
    private static DropReason ParseQuery(ReadOnlySpan<byte> icmpv6, out MembershipMessage msg)
    {
        msg = default;
        Addr group = AddrList.Read(icmpv6[GroupOffset..], AddrLength, 0);
        if (icmpv6.Length == V1Length)
        {
            return ParseV1Query(icmpv6, group, out msg);
        }

        if (icmpv6.Length < V2QueryHeaderLength)
        {
            return DropReason.BadLength;
        }

        int sourceCount = BinaryPrimitives.ReadUInt16BigEndian(icmpv6[26..]);
        if (V2QueryHeaderLength + (sourceCount * AddrLength) > icmpv6.Length)
        {
            return DropReason.BadLength;
        }

        DropReason reason = CheckQueryGroup(group, sourceCount);
        if (reason != DropReason.None)
        {
            return reason;
        }

        byte flags = icmpv6[24];
        var query = new QueryMessage(
            ProtocolVersion.MLDv2,
            group,
            TimeCode.DecodeMldMaxResp(BinaryPrimitives.ReadUInt16BigEndian(icmpv6[4..])),
            (flags & 0x08) != 0,
            flags & 0x07,
            TimeCode.DecodeQqic(icmpv6[25]),
            sourceCount);
        msg = MembershipMessage.ForQuery(
            query, icmpv6.Slice(V2QueryHeaderLength, sourceCount * AddrLength), AddrLength);
        return DropReason.None;
    }

    private static DropReason ParseV1Query(ReadOnlySpan<byte> icmpv6, Addr group, out MembershipMessage msg)
    {
        msg = default;
        DropReason reason = CheckQueryGroup(group, 0);
        if (reason != DropReason.None)
        {
            return reason;
        }

        int maxResp = BinaryPrimitives.ReadUInt16BigEndian(icmpv6[4..]);
        var query = new QueryMessage(ProtocolVersion.MLDv1, group, maxResp, false, 0, 0, 0);
        msg = MembershipMessage.ForQuery(query, default, AddrLength);
        return DropReason.None;
    }

    // A query group is :: (general; then no sources, RFC 3810 §5.1.10) or IPv6 multicast.
    private static DropReason CheckQueryGroup(Addr group, int sourceCount)
    {
        if (group == Addr.None)
        {
            return sourceCount == 0 ? DropReason.None : DropReason.InvalidQuery;
        }

        return GroupValidity.IsMulticast(group, v6: true) ? DropReason.None : DropReason.NotMulticastGroup;
    }

    // MLDv1 report and done: bytes after the first 24 are ignored.
    private static DropReason ParseGroupMessage(ReadOnlySpan<byte> icmpv6, MessageKind kind, out MembershipMessage msg)
    {
        msg = default;
        Addr group = AddrList.Read(icmpv6[GroupOffset..], AddrLength, 0);
        DropReason reason = GroupValidity.CheckReportGroup(group, v6: true);
        if (reason != DropReason.None)
        {
            return reason;
        }

        msg = MembershipMessage.ForGroup(kind, ProtocolVersion.MLDv1, group);
        return DropReason.None;
    }

    // RFC 3810 §5.2: type, reserved, checksum, reserved(2), number of records (2), records.
    private static DropReason ParseV2Report(ReadOnlySpan<byte> icmpv6, out MembershipMessage msg)
    {
        msg = default;
        int recordCount = BinaryPrimitives.ReadUInt16BigEndian(icmpv6[6..]);
        ReadOnlySpan<byte> records = icmpv6[V2ReportHeaderLength..];
        if (!GroupRecordEnumerator.Validate(records, recordCount, AddrLength, out int usable))
        {
            return DropReason.BadLength;
        }

        msg = MembershipMessage.ForV3Report(ProtocolVersion.MLDv2, records, recordCount, AddrLength, usable);
        return DropReason.None;
    }
}
