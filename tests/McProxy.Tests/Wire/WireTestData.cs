using System;
using McProxy.Protocol.Wire;

namespace McProxy.Tests.Wire;

/// <summary>Golden messages transcribed by hand from the RFC layouts; checksums computed by an
/// independent script (Python) from the same bytes, not by the code under test.</summary>
internal static class WireTestData
{
    // IGMP (RFC 1112, 2236, 3376 §4)
    public const string V1Report = "12000cfde0010101";                 // 224.1.1.1
    public const string V2Report = "1600f8faef010203";                 // 239.1.2.3
    public const string Leave = "1700f7faef010203";                    // 239.1.2.3
    public const string V1Query = "1100eeff00000000";
    public const string V2GeneralQuery = "1164ee9b00000000";           // 10 s
    public const string V2GroupQuery = "1114fde6ef010203";             // 2 s, 239.1.2.3
    public const string V3GeneralQuery = "1164ec1e00000000027d0000";   // 10 s, QRV 2, QQIC 125

    // code 0x8a = 208 tenths, S=1, QRV=3, QQIC 0x90 = 256 s, 232.1.1.1 {10.0.0.1, 10.0.0.2}
    public const string V3GroupSourceQuery = "118ae5dde80101010b9000020a0000010a000002";

    // 4 records: IS_IN 232.1.1.1 {10.0.0.1, 10.0.0.2} + 1 aux word; type 9 (unknown) 239.9.9.9;
    // BLOCK 239.2.2.2 {192.168.1.1}; TO_EX 224.0.0.251 {} (link-local, skipped).
    public const string V3Report =
        "2200a3960000000401010002e80101010a0000010a000002deadbeef09000000ef09090906000001ef020202c0a8010104000000e00000fb";

    // MLD (RFC 2710, 3810 §5), pseudo-header source fe80::1 unless noted
    public const string MldV1GeneralQuery = "820059172710000000000000000000000000000000000000"; // -> ff02::1, 10000 ms
    public const string MldV1Report = "8300801700000000ff050000000000000000000000010003";       // -> ff05::1:3
    public const string MldDone = "84007f1c00000000ff050000000000000000000000010003";           // -> ff02::2
    public const string MldV2GeneralQuery = "820056962710000000000000000000000000000000000000027d0000"; // -> ff02::1

    // code 0x8123 = 35096 ms, S=1, QRV=2, QQIC 125, ff3e::8000:1 {2001:db8::1}; -> ff3e::8000:1
    public const string MldV2GroupSourceQuery =
        "8200c73a81230000ff3e00000000000000000000800000010a7d000120010db8000000000000000000000001";

    // from :: to ff02::16; TO_IN ff3e::8000:1 {2001:db8::1}; IS_EX ff02::fb {} (skipped);
    // ALLOW ff05::1:3 {2001:db8::2, 2001:db8::3} + 2 aux words
    public const string MldV2Report =
        "8f005fae0000000303000001ff3e000000000000000000008000000120010db800000000000000000000000102000000ff0200000000000000000000000000fb05020002ff05000000000000000000000001000320010db800000000000000000000000220010db80000000000000000000000030000000000000000";

    /// <summary><see cref="MldV2Report"/> as a host with a link-local address sends it (checksum for fe80::1 → ff02::16).</summary>
    public static readonly string MldV2ReportLinkLocal = WithIcmpv6Checksum(MldV2Report, "fe80::1", "ff02::16");

    public static readonly Addr HostV4 = Addr.Parse("192.168.1.10");
    public static readonly Addr LinkLocal = Addr.Parse("fe80::1");

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    /// <summary>The ICMPv6 message <paramref name="hex"/> with its checksum recomputed for another source and destination.</summary>
    public static string WithIcmpv6Checksum(string hex, string source, string destination)
    {
        byte[] m = Hex(hex);
        m[2] = 0;
        m[3] = 0;
        ushort sum = McProxy.Protocol.Wire.InetChecksum.ComputeIcmpv6(Addr.Parse(source), Addr.Parse(destination), m);
        m[2] = (byte)(sum >> 8);
        m[3] = (byte)sum;
        return Convert.ToHexString(m).ToLowerInvariant();
    }

    /// <summary>IGMP meta data; the destination is all-systems, where every query may go.</summary>
    public static ReceiveMeta Igmp(Addr? source = null, int ttl = 1, string destination = "224.0.0.1") =>
        new(source ?? HostV4, Addr.Parse(destination), ttl, true);

    public static ReceiveMeta Mld(string source, string destination, int hopLimit = 1, bool verified = false) =>
        new(Addr.Parse(source), Addr.Parse(destination), hopLimit, true, verified);

    public static ReceiveMeta Mld(string destination) => Mld("fe80::1", destination);
}
