using System;
using System.Buffers.Binary;

namespace McProxy.Protocol.Wire;

/// <summary>Building IGMP messages (the IGMP part only; the kernel or caller adds the IP header).
/// Misuse (wrong version, non-IPv4 address, too small buffer) throws <see cref="ArgumentException"/>.</summary>
internal static partial class IgmpCodec
{
    /// <summary>
    /// Writes a query in the version of <paramref name="q"/>: IGMPv1 (code 0, general only),
    /// IGMPv2 (code = MaxRespMs in tenths, clamped to 1..255 since code 0 would make it a v1
    /// query) or IGMPv3 (Max Resp Code and QQIC per <see cref="TimeCode"/>, QRV 0 when above 7
    /// per RFC 3376 §4.1.6, the S flag, and <paramref name="sources"/>; q.SourceCount is not
    /// used). Returns the length written; the checksum is filled in.
    /// </summary>
    public static int BuildQuery(in QueryMessage q, ReadOnlySpan<Addr> sources, Span<byte> dest)
    {
        return q.Version switch
        {
            ProtocolVersion.IGMPv1 => BuildV1Query(q, sources, dest),
            ProtocolVersion.IGMPv2 => BuildV2Query(q, sources, dest),
            ProtocolVersion.IGMPv3 => BuildV3Query(q, sources, dest),
            _ => throw new ArgumentException("not an IGMP version", nameof(q)),
        };
    }

    /// <summary>IGMPv1 membership report (RFC 1112 App. I).</summary>
    public static int BuildV1Report(Addr group, Span<byte> dest) => BuildSimple(TypeV1Report, 0, group, dest);

    /// <summary>IGMPv2 membership report (RFC 2236 §2).</summary>
    public static int BuildV2Report(Addr group, Span<byte> dest) => BuildSimple(TypeV2Report, 0, group, dest);

    /// <summary>IGMPv2 leave group (RFC 2236 §2).</summary>
    public static int BuildLeave(Addr group, Span<byte> dest) => BuildSimple(TypeLeave, 0, group, dest);

    /// <summary>Starts an IGMPv3 report; add records, then call <see cref="V3ReportWriter.Finish()"/>.</summary>
    public static V3ReportWriter BeginV3Report(Span<byte> dest) => new(dest, IpFamily.V4);

    private static int BuildV1Query(in QueryMessage q, ReadOnlySpan<Addr> sources, Span<byte> dest)
    {
        if (!q.IsGeneral || !sources.IsEmpty)
        {
            throw new ArgumentException("IGMPv1 has only general queries", nameof(q));
        }

        return BuildSimple(TypeQuery, 0, Addr.AnyV4, dest);
    }

    private static int BuildV2Query(in QueryMessage q, ReadOnlySpan<Addr> sources, Span<byte> dest)
    {
        if (!sources.IsEmpty)
        {
            throw new ArgumentException("IGMPv2 queries carry no sources", nameof(sources));
        }

        byte code = (byte)Math.Clamp(q.MaxRespMs / 100, 1, 255);
        return BuildSimple(TypeQuery, code, GroupOrAny(q), dest);
    }

    // RFC 3376 §4.1: the 8-byte header, Resv:4 S:1 QRV:3, QQIC, number of sources, sources.
    private static int BuildV3Query(in QueryMessage q, ReadOnlySpan<Addr> sources, Span<byte> dest)
    {
        if (sources.Length > ushort.MaxValue)
        {
            throw new ArgumentException("too many sources", nameof(sources));
        }

        int length = V3QueryHeaderLength + (sources.Length * AddrLength);
        CheckRoom(dest, length);
        Span<byte> m = dest[..length];
        m.Clear();
        m[0] = TypeQuery;
        m[1] = TimeCode.EncodeIgmpMaxResp(q.MaxRespMs);
        AddrList.Write(GroupOrAny(q), AddrLength, m[4..]);
        int qrv = q.Robustness is >= 1 and <= 7 ? q.Robustness : 0;
        m[8] = (byte)((q.SuppressRouterProcessing ? 0x08 : 0) | qrv);
        m[9] = TimeCode.EncodeQqic(q.QueryIntervalSeconds);
        BinaryPrimitives.WriteUInt16BigEndian(m[10..], (ushort)sources.Length);
        AddrList.Write(sources, AddrLength, m[V3QueryHeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], InetChecksum.Compute(m));
        return length;
    }

    private static int BuildSimple(byte type, byte code, Addr group, Span<byte> dest)
    {
        CheckRoom(dest, HeaderLength);
        Span<byte> m = dest[..HeaderLength];
        m[0] = type;
        m[1] = code;
        m[2] = 0;
        m[3] = 0;
        AddrList.Write(group, AddrLength, m[4..]);
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], InetChecksum.Compute(m));
        return HeaderLength;
    }

    private static Addr GroupOrAny(in QueryMessage q) => q.IsGeneral ? Addr.AnyV4 : q.Group;

    internal static void CheckRoom(Span<byte> dest, int length)
    {
        if (dest.Length < length)
        {
            throw new ArgumentException($"buffer too small: {length} bytes needed", nameof(dest));
        }
    }
}
