using System;
using System.Buffers.Binary;

namespace McProxy.Protocol.Wire;

/// <summary>Building MLD messages with the ICMPv6 checksum over the pseudo-header filled in
/// (a raw ICMPv6 socket recomputes it anyway). Misuse throws <see cref="ArgumentException"/>.</summary>
internal static partial class MldCodec
{
    /// <summary>
    /// Writes an MLDv1 query (RFC 2710 §3: Maximum Response Delay in ms, capped at 65535) or an
    /// MLDv2 query (RFC 3810 §5.1: Maximum Response Code and QQIC per <see cref="TimeCode"/>,
    /// QRV 0 when above 7, S flag, <paramref name="sources"/>; q.SourceCount is not used) per
    /// q.Version; <paramref name="src"/>/<paramref name="dst"/> feed the checksum. Returns the length.
    /// </summary>
    public static int BuildQuery(in QueryMessage q, ReadOnlySpan<Addr> sources, Addr src, Addr dst, Span<byte> dest)
    {
        int length = q.Version switch
        {
            ProtocolVersion.MLDv1 => WriteV1Query(q, sources, dest),
            ProtocolVersion.MLDv2 => WriteV2Query(q, sources, dest),
            _ => throw new ArgumentException("not an MLD version", nameof(q)),
        };
        FillChecksum(dest[..length], src, dst);
        return length;
    }

    /// <summary>MLDv1 report (RFC 2710 §3).</summary>
    public static int BuildV1Report(Addr group, Addr src, Addr dst, Span<byte> dest) =>
        BuildV1Message(TypeV1Report, 0, group, src, dst, dest);

    /// <summary>MLDv1 done (RFC 2710 §3).</summary>
    public static int BuildDone(Addr group, Addr src, Addr dst, Span<byte> dest) =>
        BuildV1Message(TypeDone, 0, group, src, dst, dest);

    /// <summary>Starts an MLDv2 report; add records, then call <see cref="V3ReportWriter.Finish(Addr, Addr)"/>.</summary>
    public static V3ReportWriter BeginV2Report(Span<byte> dest) => new(dest, IpFamily.V6);

    private static int WriteV1Query(in QueryMessage q, ReadOnlySpan<Addr> sources, Span<byte> dest)
    {
        if (!sources.IsEmpty)
        {
            throw new ArgumentException("MLDv1 queries carry no sources", nameof(sources));
        }

        ushort delay = (ushort)Math.Clamp(q.MaxRespMs, 0, ushort.MaxValue);
        return WriteV1Message(TypeQuery, delay, GroupOrNone(q), dest);
    }

    // RFC 3810 §5.1: type, code, checksum, Maximum Response Code(2), reserved(2), group(16),
    // Resv:4 S:1 QRV:3, QQIC, number of sources(2), sources.
    private static int WriteV2Query(in QueryMessage q, ReadOnlySpan<Addr> sources, Span<byte> dest)
    {
        if (sources.Length > ushort.MaxValue)
        {
            throw new ArgumentException("too many sources", nameof(sources));
        }

        int length = V2QueryHeaderLength + (sources.Length * AddrLength);
        IgmpCodec.CheckRoom(dest, length);
        Span<byte> m = dest[..length];
        m.Clear();
        m[0] = TypeQuery;
        BinaryPrimitives.WriteUInt16BigEndian(m[4..], TimeCode.EncodeMldMaxResp(q.MaxRespMs));
        GroupOrNone(q).WriteV6To(m[GroupOffset..]);
        int qrv = q.Robustness is >= 1 and <= 7 ? q.Robustness : 0;
        m[24] = (byte)((q.SuppressRouterProcessing ? 0x08 : 0) | qrv);
        m[25] = TimeCode.EncodeQqic(q.QueryIntervalSeconds);
        BinaryPrimitives.WriteUInt16BigEndian(m[26..], (ushort)sources.Length);
        AddrList.Write(sources, AddrLength, m[V2QueryHeaderLength..]);
        return length;
    }

    private static int BuildV1Message(byte type, ushort delay, Addr group, Addr src, Addr dst, Span<byte> dest)
    {
        int length = WriteV1Message(type, delay, group, dest);
        FillChecksum(dest[..length], src, dst);
        return length;
    }

    private static int WriteV1Message(byte type, ushort delay, Addr group, Span<byte> dest)
    {
        IgmpCodec.CheckRoom(dest, V1Length);
        Span<byte> m = dest[..V1Length];
        m.Clear();
        m[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(m[4..], delay);
        group.WriteV6To(m[GroupOffset..]);
        return V1Length;
    }

    private static void FillChecksum(Span<byte> m, Addr src, Addr dst)
    {
        m[2] = 0;
        m[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], InetChecksum.ComputeIcmpv6(src, dst, m));
    }

    private static Addr GroupOrNone(in QueryMessage q) => q.IsGeneral ? Addr.None : q.Group;
}
