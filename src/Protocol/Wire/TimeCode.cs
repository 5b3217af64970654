using System;
using System.Numerics;

namespace McProxy.Protocol.Wire;

/// <summary>
/// The floating-point time codes of IGMPv3 and MLDv2. Below the threshold a code is the value
/// itself; above it the code is 1|exp:3|mant and the value is (mant | 1 &lt;&lt; mantBits) &lt;&lt; (exp + 3).
/// <list type="bullet">
/// <item>IGMPv3 Max Resp Code (RFC 3376 §4.1.1): 8 bits, unit 1/10 s; the API takes milliseconds.</item>
/// <item>QQIC (RFC 3376 §4.1.7, RFC 3810 §5.1.9): 8 bits, unit seconds.</item>
/// <item>MLDv2 Maximum Response Code (RFC 3810 §5.1.3): 16 bits, unit milliseconds.</item>
/// </list>
/// Encoding: values that are not exactly representable map to the largest representable value
/// not above the input (truncation), so a querier never announces more time than it will wait;
/// values above the maximum clamp to the maximum, negative values to 0.
/// </summary>
internal static class TimeCode
{
    /// <summary>Largest IGMPv3 Max Resp value in milliseconds: 31744 tenths of a second.</summary>
    public const int MaxIgmpMaxRespMs = 31744 * 100;

    /// <summary>Largest QQIC value in seconds.</summary>
    public const int MaxQqicSeconds = 31744;

    /// <summary>Largest MLDv2 Maximum Response value in milliseconds.</summary>
    public const int MaxMldMaxRespMs = 0x1FFF << 10;

    private const int SmallMantBits = 4;
    private const int WideMantBits = 12;

    /// <summary>IGMPv3 Max Resp Code → milliseconds.</summary>
    public static int DecodeIgmpMaxResp(byte code) => Decode(code, SmallMantBits) * 100;

    /// <summary>Milliseconds → IGMPv3 Max Resp Code (truncated to whole tenths, then down to a
    /// representable value).</summary>
    public static byte EncodeIgmpMaxResp(int ms) => (byte)Encode(Math.Max(ms, 0) / 100, SmallMantBits);

    /// <summary>QQIC (IGMPv3 and MLDv2) → seconds.</summary>
    public static int DecodeQqic(byte code) => Decode(code, SmallMantBits);

    /// <summary>Seconds → QQIC (IGMPv3 and MLDv2).</summary>
    public static byte EncodeQqic(int seconds) => (byte)Encode(seconds, SmallMantBits);

    /// <summary>MLDv2 Maximum Response Code → milliseconds.</summary>
    public static int DecodeMldMaxResp(ushort code) => Decode(code, WideMantBits);

    /// <summary>Milliseconds → MLDv2 Maximum Response Code.</summary>
    public static ushort EncodeMldMaxResp(int ms) => (ushort)Encode(ms, WideMantBits);

    private static int Decode(int code, int mantBits)
    {
        int threshold = 1 << (mantBits + 3);
        if (code < threshold)
        {
            return code;
        }

        int mant = code & ((1 << mantBits) - 1);
        int exp = (code >> mantBits) & 7;
        return (mant | (1 << mantBits)) << (exp + 3);
    }

    private static int Encode(int value, int mantBits)
    {
        int threshold = 1 << (mantBits + 3);
        if (value < threshold)
        {
            return Math.Max(value, 0);
        }

        // The leading one sits at bit (exp + 3 + mantBits); the mantissa is the next mantBits
        // bits, and the bits below are truncated.
        int exp = BitOperations.Log2((uint)value) - mantBits - 3;
        if (exp > 7)
        {
            return (threshold << 1) - 1;
        }

        int mant = (value >> (exp + 3)) & ((1 << mantBits) - 1);
        return threshold | (exp << mantBits) | mant;
    }
}
