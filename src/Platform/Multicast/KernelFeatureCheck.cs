using System;
using System.IO;
using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;
using Mroute = McProxy.Interop.Interop.Mroute;
using Mroute6 = McProxy.Interop.Interop.Mroute6;

namespace McProxy.Platform.Multicast;

/// <summary>
/// The `-c` report: the kernel version, root, IPv4/IPv6 multicast routing (MRT_INIT/MRT6_INIT), multiple tables
/// (MRT_TABLE/MRT6_TABLE), the per-socket membership sysctls and how many groups one socket can
/// join. Probing uses a private table number so a running router's table is never disturbed.
/// </summary>
internal static class KernelFeatureCheck
{
    /// <summary>
    /// A table id no configuration is expected to use; released again at once. The kernel takes
    /// ids below 100000000 only (ipmr/ip6mr MRT_TABLE: EINVAL otherwise).
    /// </summary>
    private const int ProbeTable = 99_999_937;

    private const int JoinProbeLimit = 40;

    private const string OsReleasePath = "/proc/sys/kernel/osrelease";

    /// <summary>
    /// Kernels before 5.1 announce a new INCLUDE-mode (source-specific) join as TO_IN(S)
    /// instead of ALLOW(S) (RFC 3376 §5.1 / RFC 3810 §6.1 ask for ALLOW when the filter mode
    /// does not change); strict upstream routers (CDRouter, some BNGs) reject or mishandle it.
    /// </summary>
    private static readonly (int Major, int Minor) FirstKernelWithAllow = (5, 1);

    /// <summary>Writes the report to <paramref name="output"/>; true when every feature the proxy needs is present.</summary>
    public static bool Run(TextWriter output)
    {
        output.WriteLine("Check the currently available kernel features.");
        output.WriteLine(KernelLine(ReadOsRelease()));
        bool root = Libc.EffectiveUserId == 0;
        output.WriteLine($" - root privileges: {(root ? "Ok!" : "Failed (run as root or with CAP_NET_ADMIN)")}");
        output.WriteLine();
        bool v4 = CheckFamily(output, IpFamily.V4);
        bool v6 = CheckFamily(output, IpFamily.V6);
        output.WriteLine($" - net.ipv4.igmp_max_memberships = {KernelLimits.IgmpMaxMemberships}, net.ipv4.igmp_max_msf = {KernelLimits.IgmpMaxMsf}, net.ipv6.mld_max_msf = {KernelLimits.MldMaxMsf}");
        output.WriteLine("   (per-socket limits: mcproxy spreads upstream memberships over as many sockets as needed)");
        output.WriteLine($" - ipv4 groups one socket can join: {JoinProbe(IpFamily.V4)}");
        output.WriteLine($" - ipv6 groups one socket can join: {JoinProbe(IpFamily.V6)}");
        output.WriteLine();
        bool all = root && v4 && v6;
        output.WriteLine(all ? "All kernel features mcproxy needs are present." : "Some kernel features mcproxy needs are missing.");
        return all;
    }

    /// <summary>The report line for the running kernel's release string (null when unreadable).</summary>
    internal static string KernelLine(string? release)
    {
        if (release is null || !TryParseVersion(release, out int major, out int minor))
        {
            return $" - kernel version: unknown ({(release is null ? "cannot read " + OsReleasePath : "'" + release + "'")})";
        }

        if ((major, minor).CompareTo(FirstKernelWithAllow) >= 0)
        {
            return $" - kernel version: {release} Ok!";
        }

        return $" - kernel version: {release} Warning: older than {FirstKernelWithAllow.Major}.{FirstKernelWithAllow.Minor}; " +
            "it reports a new source-specific (INCLUDE) upstream join as TO_IN instead of ALLOW, which some upstream routers reject";
    }

    /// <summary>"6.1.0-18-amd64" → (6, 1); false when the string does not start with MAJOR.MINOR.</summary>
    internal static bool TryParseVersion(string release, out int major, out int minor)
    {
        major = 0;
        minor = 0;
        int i = 0;
        return ReadNumber(release, ref i, out major) && i < release.Length && release[i++] == '.' &&
            ReadNumber(release, ref i, out minor);
    }

    private static bool ReadNumber(string s, ref int i, out int value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && s[i] is >= '0' and <= '9' && i - start < 6)
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        return i > start;
    }

    private static string? ReadOsRelease()
    {
        try
        {
            return File.ReadAllText(OsReleasePath).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool CheckFamily(TextWriter output, IpFamily family)
    {
        string name = family == IpFamily.V4 ? "ipv4" : "ipv6";
        Errno e = OpenMroute(family, out SafeFd fd);
        using (fd)
        {
            if (e != Errno.OK)
            {
                output.WriteLine($" - {name} multicast (raw socket): Failed ({e.Describe()})");
                output.WriteLine();
                return false;
            }

            output.WriteLine($" - {name} multicast (raw socket): Ok!");
            int level = family == IpFamily.V4 ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6;
            Errno table = Libc.SetSockOptInt(fd, level, family == IpFamily.V4 ? Mroute.MRT_TABLE : Mroute6.MRT6_TABLE, ProbeTable);
            output.WriteLine($" - {name} multiple routing tables: {Verdict(table)}");
            Errno init = Libc.SetSockOptInt(fd, level, family == IpFamily.V4 ? Mroute.MRT_INIT : Mroute6.MRT6_INIT, 1);
            if (init == Errno.EADDRINUSE)
            {
                output.WriteLine($" - {name} multicast routing: Ok! (the table is in use by another multicast router)");
            }
            else
            {
                output.WriteLine($" - {name} multicast routing: {Verdict(init)}");
            }

            if (init == Errno.OK)
            {
                Libc.SetSockOptInt(fd, level, family == IpFamily.V4 ? Mroute.MRT_DONE : Mroute6.MRT6_DONE, 1);
            }

            output.WriteLine();
            return table == Errno.OK && init is Errno.OK or Errno.EADDRINUSE;
        }
    }

    private static Errno OpenMroute(IpFamily family, out SafeFd fd) => family == IpFamily.V4
        ? Libc.Socket(Libc.AF_INET, Libc.SOCK_RAW, Libc.IPPROTO_IGMP, out fd)
        : Libc.Socket(Libc.AF_INET6, Libc.SOCK_RAW, Libc.IPPROTO_ICMPV6, out fd);

    /// <summary>Joins 225.0.0.0, 225.0.0.1 ... (ff05:1::, ff05:1::1 ...) on the loopback until the kernel refuses or 40 succeed.</summary>
    private static string JoinProbe(IpFamily family)
    {
        int domain = family == IpFamily.V4 ? Libc.AF_INET : Libc.AF_INET6;
        int level = family == IpFamily.V4 ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6;
        Errno e = Libc.Socket(domain, Libc.SOCK_DGRAM, Libc.IPPROTO_UDP, out SafeFd fd);
        using (fd)
        {
            if (e != Errno.OK)
            {
                return $"unknown ({e.Describe()})";
            }

            int lo = Libc.IfNameToIndex("lo");
            for (int i = 0; i < JoinProbeLimit; i++)
            {
                Addr g = family == IpFamily.V4 ? Addr.FromV4(0xE100_0000u + (uint)i) : new Addr(0xFF05_0001_0000_0000UL, (ulong)i);
                var req = new Libc.group_req { gr_interface = (uint)lo, gr_group = Sockaddr.Storage(g) };
                e = Libc.SetSockOpt(fd, level, Libc.MCAST_JOIN_GROUP, in req);
                if (e != Errno.OK)
                {
                    return $"{i} (then {e.Describe()})";
                }
            }

            return $"{JoinProbeLimit}+ (no limit found)";
        }
    }

    private static string Verdict(Errno e) => e == Errno.OK ? "Ok!" : $"Failed ({e.Describe()})";
}
