using System;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Wire;

public class TimeCodeTests
{
    // RFC 3376 §4.1.1: code < 128 is the value; else 1|exp|mant → (mant | 0x10) << (exp + 3).
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(100, 100)]
    [InlineData(127, 127)]
    [InlineData(0x80, 128)]        // exp 0, mant 0
    [InlineData(0x81, 136)]        // exp 0, mant 1
    [InlineData(0x8F, 248)]        // exp 0, mant 15
    [InlineData(0x90, 256)]        // exp 1, mant 0
    [InlineData(0x9F, 496)]
    [InlineData(0xA0, 512)]
    [InlineData(0xF0, 16 << 10)]   // exp 7, mant 0
    [InlineData(0xFF, 31744)]      // maximum
    public void IgmpEightBitTable(int code, int value)
    {
        Assert.Equal(value * 100, TimeCode.DecodeIgmpMaxResp((byte)code));
        Assert.Equal(value, TimeCode.DecodeQqic((byte)code));
        Assert.Equal(code, TimeCode.EncodeIgmpMaxResp(value * 100));
        Assert.Equal(code, TimeCode.EncodeQqic(value));
    }

    // RFC 3810 §5.1.3: code < 32768 is the value; else 1|exp|mant → (mant | 0x1000) << (exp + 3).
    [Theory]
    [InlineData(0, 0)]
    [InlineData(10000, 10000)]
    [InlineData(32767, 32767)]
    [InlineData(0x8000, 32768)]
    [InlineData(0x8001, 32776)]
    [InlineData(0x8FFF, 0x1FFF << 3)]
    [InlineData(0x9000, 65536)]
    [InlineData(0xF000, 0x1000 << 10)]
    [InlineData(0xFFFF, 0x1FFF << 10)]
    public void MldSixteenBitTable(int code, int ms)
    {
        Assert.Equal(ms, TimeCode.DecodeMldMaxResp((ushort)code));
        Assert.Equal(code, TimeCode.EncodeMldMaxResp(ms));
    }

    [Theory]
    [InlineData(12799, 127)]     // 127.99 tenths truncate to 127
    [InlineData(12800, 0x80)]
    [InlineData(13599, 0x80)]    // 135 tenths: between 128 and 136, round down
    [InlineData(13600, 0x81)]
    [InlineData(99, 0)]
    [InlineData(-5, 0)]
    [InlineData(int.MaxValue, 0xFF)]
    public void IgmpEncodeRoundsDown(int ms, int code) => Assert.Equal(code, TimeCode.EncodeIgmpMaxResp(ms));

    [Theory]
    [InlineData(32775, 0x8000)]
    [InlineData(32776, 0x8001)]
    [InlineData(65535, 0x8FFF)]
    [InlineData(-1, 0)]
    [InlineData(int.MaxValue, 0xFFFF)]
    public void MldEncodeRoundsDown(int ms, int code) => Assert.Equal(code, TimeCode.EncodeMldMaxResp(ms));

    [Fact]
    public void EveryCodeRoundTrips()
    {
        for (int c = 0; c <= 0xFF; c++)
        {
            Assert.Equal(c, TimeCode.EncodeQqic(TimeCode.DecodeQqic((byte)c)));
            Assert.Equal(c, TimeCode.EncodeIgmpMaxResp(TimeCode.DecodeIgmpMaxResp((byte)c)));
        }

        for (int c = 0; c <= 0xFFFF; c++)
        {
            Assert.Equal(c, TimeCode.EncodeMldMaxResp(TimeCode.DecodeMldMaxResp((ushort)c)));
        }
    }

    [Fact]
    public void EncodeGivesLargestValueNotAbove()
    {
        // Decoding is strictly increasing, so "closest not above" means: decode(code) ≤ v and
        // the next code (if any) decodes above v.
        var rng = new Random(3376);
        for (int i = 0; i < 20000; i++)
        {
            int seconds = rng.Next(0, 40000);
            int q = TimeCode.EncodeQqic(seconds);
            Assert.True(TimeCode.DecodeQqic((byte)q) <= seconds);
            Assert.True(q == 0xFF || TimeCode.DecodeQqic((byte)(q + 1)) > seconds);

            int ms = rng.Next(0, 9_000_000);
            int m = TimeCode.EncodeMldMaxResp(ms);
            Assert.True(TimeCode.DecodeMldMaxResp((ushort)m) <= ms);
            Assert.True(m == 0xFFFF || TimeCode.DecodeMldMaxResp((ushort)(m + 1)) > ms);
        }
    }

    [Fact]
    public void DecodeIsStrictlyIncreasing()
    {
        for (int c = 1; c <= 0xFF; c++)
        {
            Assert.True(TimeCode.DecodeQqic((byte)c) > TimeCode.DecodeQqic((byte)(c - 1)));
        }

        for (int c = 1; c <= 0xFFFF; c++)
        {
            Assert.True(TimeCode.DecodeMldMaxResp((ushort)c) > TimeCode.DecodeMldMaxResp((ushort)(c - 1)));
        }

        Assert.Equal(TimeCode.MaxMldMaxRespMs, TimeCode.DecodeMldMaxResp(0xFFFF));
        Assert.Equal(TimeCode.MaxIgmpMaxRespMs, TimeCode.DecodeIgmpMaxResp(0xFF));
        Assert.Equal(TimeCode.MaxQqicSeconds, TimeCode.DecodeQqic(0xFF));
    }
}
