using System;
using System.Globalization;
using System.IO;

namespace McProxy.Platform.Linux;

/// <summary>Per-socket multicast limits from /proc/sys (read in the caller's network namespace).</summary>
internal static class KernelLimits
{
    public const string IgmpMaxMembershipsPath = "/proc/sys/net/ipv4/igmp_max_memberships";
    public const string IgmpMaxMsfPath = "/proc/sys/net/ipv4/igmp_max_msf";
    public const string MldMaxMsfPath = "/proc/sys/net/ipv6/mld_max_msf";

    /// <summary>Groups one IPv4 socket may join (net.ipv4.igmp_max_memberships, default 20).</summary>
    public static int IgmpMaxMemberships => ReadInt(IgmpMaxMembershipsPath, 20);

    /// <summary>Sources one IPv4 socket may filter per group (net.ipv4.igmp_max_msf, default 10).</summary>
    public static int IgmpMaxMsf => ReadInt(IgmpMaxMsfPath, 10);

    /// <summary>Sources one IPv6 socket may filter per group (net.ipv6.mld_max_msf, default 64).</summary>
    public static int MldMaxMsf => ReadInt(MldMaxMsfPath, 64);

    /// <summary>Reads a one-number /proc/sys file; <paramref name="fallback"/> when missing or unreadable.</summary>
    public static int ReadInt(string path, int fallback)
    {
        try
        {
            string text = SysFile.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : fallback;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }
}
