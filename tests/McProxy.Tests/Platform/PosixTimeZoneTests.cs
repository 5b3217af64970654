using System.Collections.Generic;
using System.Text;
using McProxy.Platform.Linux;
using Xunit;

namespace McProxy.Tests.Platform;

/// <summary>Log timestamps without libc's zone code: the POSIX rules are the footers of the
/// named zoneinfo files; the expected offsets are what the tz database (Python's zoneinfo over
/// Debian's tzdata) gives at the same instants, one second either side of each transition.</summary>
public class PosixTimeZoneTests
{
    [Theory]
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/3", 1743296399L, 3600)] // 2025-03-30T00:59:59Z Europe/Berlin
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/3", 1743296400L, 7200)] // 2025-03-30T01:00:00Z Europe/Berlin
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/3", 1761440399L, 7200)] // 2025-10-26T00:59:59Z Europe/Berlin
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/3", 1761440400L, 3600)] // 2025-10-26T01:00:00Z Europe/Berlin
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/3", 1709208000L, 3600)] // 2024-02-29T12:00:00Z Europe/Berlin
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/3", 2161555200L, 7200)] // 2038-07-01T00:00:00Z Europe/Berlin
    [InlineData("EST5EDT,M3.2.0,M11.1.0", 1741503599L, -18000)] // 2025-03-09T06:59:59Z America/New_York
    [InlineData("EST5EDT,M3.2.0,M11.1.0", 1741503600L, -14400)] // 2025-03-09T07:00:00Z America/New_York
    [InlineData("EST5EDT,M3.2.0,M11.1.0", 1762063199L, -14400)] // 2025-11-02T05:59:59Z America/New_York
    [InlineData("EST5EDT,M3.2.0,M11.1.0", 1762063200L, -18000)] // 2025-11-02T06:00:00Z America/New_York
    [InlineData("EST5EDT", 1762063199L, -14400)] // no rule: the US rule, as glibc and musl
    [InlineData("EST5EDT", 1762063200L, -18000)]
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", 1743868799L, 39600)] // 2025-04-05T15:59:59Z Australia/Sydney
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", 1743868800L, 36000)] // 2025-04-05T16:00:00Z Australia/Sydney
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", 1759593599L, 36000)] // 2025-10-04T15:59:59Z Australia/Sydney
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", 1759593600L, 39600)] // 2025-10-04T16:00:00Z Australia/Sydney
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", 1767189600L, 39600)] // 2025-12-31T14:00:00Z Australia/Sydney
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", 1767225600L, 39600)] // 2026-01-01T00:00:00Z Australia/Sydney
    [InlineData("IST-5:30", 1748736000L, 19800)] // 2025-06-01T00:00:00Z Asia/Kolkata
    [InlineData("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1901149199L, -7200)] // 2030-03-31T00:59:59Z America/Nuuk
    [InlineData("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1901149200L, -3600)] // 2030-03-31T01:00:00Z America/Nuuk
    [InlineData("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1919293199L, -3600)] // 2030-10-27T00:59:59Z America/Nuuk
    [InlineData("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1919293200L, -7200)] // 2030-10-27T01:00:00Z America/Nuuk
    [InlineData("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 1901714399L, 49500)] // 2030-04-06T13:59:59Z Pacific/Chatham
    [InlineData("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 1901714400L, 45900)] // 2030-04-06T14:00:00Z Pacific/Chatham
    [InlineData("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 1916834399L, 45900)] // 2030-09-28T13:59:59Z Pacific/Chatham
    [InlineData("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 1916834400L, 49500)] // 2030-09-28T14:00:00Z Pacific/Chatham
    [InlineData("UTC0", 1748736000L, 0)]
    [InlineData("<+03>-3", 1748736000L, 10800)]
    // Julian days: J60 is March 1st in every year (February 29th is never counted); zero-based 60 is March 1st in 2024 only.
    [InlineData("XST0XDT,J60/0,J300/0", 1709251199L, 0)]    // 2024-02-29T23:59:59Z
    [InlineData("XST0XDT,J60/0,J300/0", 1709251200L, 3600)] // 2024-03-01T00:00:00Z
    [InlineData("XST0XDT,60/0,300/0", 1709251199L, 0)]
    [InlineData("XST0XDT,60/0,300/0", 1709251200L, 3600)]
    [InlineData("XST0XDT,60/0,300/0", 1740787200L, 0)]      // 2025-03-01T00:00:00Z: day 60 is March 2nd
    [InlineData("XST0XDT,J60/0,J300/0", 1740787200L, 3600)]
    public void OffsetMatchesTheTzDatabase(string rule, long unixSeconds, int offset)
    {
        Assert.True(PosixTimeZone.TryParse(rule, out PosixTimeZone zone));
        Assert.Equal(offset, zone.OffsetAt(unixSeconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CE-1")]                          // names have 3 letters at least
    [InlineData("CET")]                           // an offset is required
    [InlineData("CET-25")]
    [InlineData("CET-1:60")]
    [InlineData("CET-1CEST,M13.5.0,M10.5.0")]
    [InlineData("CET-1CEST,M3.6.0,M10.5.0")]
    [InlineData("CET-1CEST,M3.5.7,M10.5.0")]
    [InlineData("CET-1CEST,M3.5.0")]
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/168")]
    [InlineData("CET-1CEST,J0,J365")]
    [InlineData("CET-1CEST,M3.5.0,M10.5.0,")]
    [InlineData("<+1>-1")]
    [InlineData("<+01-1")]
    [InlineData("Europe/Berlin")]
    public void RefusesWhatIsNotARule(string rule)
    {
        Assert.False(PosixTimeZone.TryParse(rule, out _));
    }

    [Fact]
    public void CivilDaysRoundTrip()
    {
        foreach (long day in new long[] { -719468, -1, 0, 59, 11016, 19782, 2932896 })
        {
            PosixTimeZone.CivilFromDays(day, out int y, out int m, out int d);
            Assert.Equal(day, PosixTimeZone.DaysFromCivil(y, m, d));
        }

        Assert.Equal(19782L, PosixTimeZone.DaysFromCivil(2024, 2, 29));
    }

    // Where the zone comes from: TZ, then OpenWrt's /etc/TZ, then /etc/localtime, then UTC.
    private static readonly byte[] BerlinTzif = Tzif("CET-1CEST,M3.5.0,M10.5.0/3");
    private const long Summer = 1751328000L;   // 2025-07-01T00:00:00Z

    private static byte[] Tzif(string footer) =>
        Encoding.ASCII.GetBytes("TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0(binary v1 and v2 data)\n" + footer + "\n");

    private static int OffsetWith(string? tz, Dictionary<string, byte[]> files) =>
        LocalTimeZone.Load(tz, p => files.TryGetValue(p, out byte[]? b) ? b : null).OffsetAt(Summer);

    [Fact]
    public void TzRuleWinsOverTheFiles()
    {
        var files = new Dictionary<string, byte[]> { ["/etc/TZ"] = Encoding.ASCII.GetBytes("IST-5:30\n"), ["/etc/localtime"] = BerlinTzif };
        Assert.Equal(-14400, OffsetWith("EST5EDT,M3.2.0,M11.1.0", files));
    }

    [Fact]
    public void WithoutTzOpenWrtsEtcTzComesFirst()
    {
        var files = new Dictionary<string, byte[]> { ["/etc/TZ"] = Encoding.ASCII.GetBytes("IST-5:30\n"), ["/etc/localtime"] = BerlinTzif };
        Assert.Equal(19800, OffsetWith(null, files));
    }

    [Fact]
    public void WithoutTzOrEtcTzTheLocaltimeFooterIsUsed()
    {
        Assert.Equal(7200, OffsetWith(null, new Dictionary<string, byte[]> { ["/etc/localtime"] = BerlinTzif }));
    }

    [Fact]
    public void NothingAtAllIsUtc()
    {
        Assert.Equal(0, OffsetWith(null, new Dictionary<string, byte[]>()));
        Assert.Equal(0, OffsetWith("", new Dictionary<string, byte[]> { ["/etc/localtime"] = BerlinTzif }));
    }

    [Theory]
    [InlineData(":Europe/Berlin")]
    [InlineData("Europe/Berlin")]
    [InlineData(":/usr/share/zoneinfo/Europe/Berlin")]
    public void TzNamingAZoneFileReadsItsFooter(string tz)
    {
        Assert.Equal(7200, OffsetWith(tz, new Dictionary<string, byte[]> { ["/usr/share/zoneinfo/Europe/Berlin"] = BerlinTzif }));
    }

    [Fact]
    public void BrokenOrHostileZoneFilesFallBackToUtc()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["/usr/share/zoneinfo/v1"] = Encoding.ASCII.GetBytes("TZif\0rest\nCET-1CEST,M3.5.0,M10.5.0/3\n"), // version 1: no footer
            ["/usr/share/zoneinfo/nofooter"] = Tzif(""),
            ["/usr/share/zoneinfo/text"] = Encoding.ASCII.GetBytes("CET-1CEST,M3.5.0,M10.5.0/3\n"),
            ["/etc/shadow"] = BerlinTzif,
        };
        foreach (string tz in new[] { ":v1", ":nofooter", ":text", ":../../../etc/shadow", ":", ":missing" })
        {
            Assert.Equal(0, OffsetWith(tz, files));
        }
    }
}
