using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using McProxy.Interop;
using Xunit;
using L = McProxy.Interop.Interop.Libc;
using M = McProxy.Interop.Interop.Mroute;
using M6 = McProxy.Interop.Interop.Mroute6;
using N = McProxy.Interop.Interop.Netlink;

namespace McProxy.Tests.Interop;

/// <summary>
/// Proves the managed kernel-struct layouts and constants against the system headers: compiles
/// tests/abi/probe.c with cc, runs it, and compares every sizeof/offsetof/constant it prints.
/// A missing compiler is a failure, not a skip (CI installs gcc).
/// </summary>
public sealed class AbiLayoutTests
{
    private static readonly Dictionary<string, Type> s_structs = new()
    {
        ["sockaddr_in"] = typeof(L.sockaddr_in),
        ["in6_addr"] = typeof(L.in6_addr),
        ["sockaddr_in6"] = typeof(L.sockaddr_in6),
        ["sockaddr_storage"] = typeof(L.sockaddr_storage),
        ["in_pktinfo"] = typeof(L.in_pktinfo),
        ["in6_pktinfo"] = typeof(L.in6_pktinfo),
        ["rlimit"] = typeof(L.rlimit),
        ["ip_mreqn"] = typeof(L.ip_mreqn),
        ["group_req"] = typeof(L.group_req),
        ["group_source_req"] = typeof(L.group_source_req),
        ["group_filter"] = typeof(L.group_filter),
        ["icmp6_filter"] = typeof(L.icmp6_filter),
        ["iovec"] = typeof(L.iovec),
        ["msghdr"] = typeof(L.msghdr),
        ["cmsghdr"] = typeof(L.cmsghdr),
        ["vifctl"] = typeof(M.vifctl),
        ["mfcctl"] = typeof(M.mfcctl),
        ["igmpmsg"] = typeof(M.igmpmsg),
        ["sioc_sg_req"] = typeof(M.sioc_sg_req),
        ["mif6ctl"] = typeof(M6.mif6ctl),
        ["if_set"] = typeof(M6.if_set),
        ["mf6cctl"] = typeof(M6.mf6cctl),
        ["mrt6msg"] = typeof(M6.mrt6msg),
        ["sioc_sg_req6"] = typeof(M6.sioc_sg_req6),
        ["sockaddr_nl"] = typeof(N.sockaddr_nl),
        ["nlmsghdr"] = typeof(N.nlmsghdr),
        ["nlmsgerr"] = typeof(N.nlmsgerr),
        ["ifinfomsg"] = typeof(N.ifinfomsg),
        ["ifaddrmsg"] = typeof(N.ifaddrmsg),
        ["rtattr"] = typeof(N.rtattr),
        ["fib_rule_hdr"] = typeof(N.fib_rule_hdr),
    };

    private static readonly Dictionary<string, long> s_constants = new()
    {
        ["RLIMIT_NOFILE"] = L.RLIMIT_NOFILE,
        ["CMSG_HEADER_SPACE"] = L.CmsgHeaderSpace,
        ["CMSG_SPACE_12"] = L.CmsgSpace(12),
        ["CMSG_SPACE_20"] = L.CmsgSpace(20),
        ["AF_INET"] = L.AF_INET, ["AF_INET6"] = L.AF_INET6, ["AF_NETLINK"] = L.AF_NETLINK,
        ["SOCK_DGRAM"] = L.SOCK_DGRAM, ["SOCK_RAW"] = L.SOCK_RAW, ["SOCK_NONBLOCK"] = L.SOCK_NONBLOCK,
        ["SOCK_CLOEXEC"] = L.SOCK_CLOEXEC, ["SOL_SOCKET"] = L.SOL_SOCKET, ["SO_RCVBUF"] = L.SO_RCVBUF,
        ["SO_BINDTODEVICE"] = L.SO_BINDTODEVICE, ["SO_RCVBUFFORCE"] = L.SO_RCVBUFFORCE,
        ["MSG_CTRUNC"] = L.MSG_CTRUNC, ["MSG_TRUNC"] = L.MSG_TRUNC, ["MSG_DONTWAIT"] = L.MSG_DONTWAIT,
        ["IF_NAMESIZE"] = L.IF_NAMESIZE,
        ["IPPROTO_IP"] = L.IPPROTO_IP, ["IPPROTO_IGMP"] = L.IPPROTO_IGMP, ["IPPROTO_UDP"] = L.IPPROTO_UDP,
        ["IPPROTO_IPV6"] = L.IPPROTO_IPV6, ["IPPROTO_ICMPV6"] = L.IPPROTO_ICMPV6,
        ["IP_TTL"] = L.IP_TTL, ["IP_HDRINCL"] = L.IP_HDRINCL, ["IP_OPTIONS"] = L.IP_OPTIONS,
        ["IP_ROUTER_ALERT"] = L.IP_ROUTER_ALERT, ["IP_PKTINFO"] = L.IP_PKTINFO, ["IP_MULTICAST_IF"] = L.IP_MULTICAST_IF,
        ["IP_MULTICAST_TTL"] = L.IP_MULTICAST_TTL, ["IP_MULTICAST_LOOP"] = L.IP_MULTICAST_LOOP,
        ["IP_ADD_MEMBERSHIP"] = L.IP_ADD_MEMBERSHIP, ["IP_DROP_MEMBERSHIP"] = L.IP_DROP_MEMBERSHIP,
        ["IP_MULTICAST_ALL"] = L.IP_MULTICAST_ALL,
        ["IPV6_CHECKSUM"] = L.IPV6_CHECKSUM, ["IPV6_MULTICAST_IF"] = L.IPV6_MULTICAST_IF,
        ["IPV6_MULTICAST_HOPS"] = L.IPV6_MULTICAST_HOPS, ["IPV6_MULTICAST_LOOP"] = L.IPV6_MULTICAST_LOOP,
        ["IPV6_ROUTER_ALERT"] = L.IPV6_ROUTER_ALERT, ["IPV6_MULTICAST_ALL"] = L.IPV6_MULTICAST_ALL,
        ["IPV6_RECVPKTINFO"] = L.IPV6_RECVPKTINFO, ["IPV6_PKTINFO"] = L.IPV6_PKTINFO,
        ["IPV6_RECVHOPLIMIT"] = L.IPV6_RECVHOPLIMIT, ["IPV6_HOPLIMIT"] = L.IPV6_HOPLIMIT,
        ["IPV6_RECVHOPOPTS"] = L.IPV6_RECVHOPOPTS, ["IPV6_HOPOPTS"] = L.IPV6_HOPOPTS, ["ICMP6_FILTER"] = L.ICMP6_FILTER,
        ["MCAST_JOIN_GROUP"] = L.MCAST_JOIN_GROUP, ["MCAST_BLOCK_SOURCE"] = L.MCAST_BLOCK_SOURCE,
        ["MCAST_UNBLOCK_SOURCE"] = L.MCAST_UNBLOCK_SOURCE, ["MCAST_LEAVE_GROUP"] = L.MCAST_LEAVE_GROUP,
        ["MCAST_JOIN_SOURCE_GROUP"] = L.MCAST_JOIN_SOURCE_GROUP, ["MCAST_LEAVE_SOURCE_GROUP"] = L.MCAST_LEAVE_SOURCE_GROUP,
        ["MCAST_MSFILTER"] = L.MCAST_MSFILTER, ["MCAST_EXCLUDE"] = L.MCAST_EXCLUDE, ["MCAST_INCLUDE"] = L.MCAST_INCLUDE,
        ["SIOCPROTOPRIVATE"] = L.SIOCPROTOPRIVATE,
        ["MRT_INIT"] = M.MRT_INIT, ["MRT_DONE"] = M.MRT_DONE, ["MRT_ADD_VIF"] = M.MRT_ADD_VIF, ["MRT_DEL_VIF"] = M.MRT_DEL_VIF,
        ["MRT_ADD_MFC"] = M.MRT_ADD_MFC, ["MRT_DEL_MFC"] = M.MRT_DEL_MFC, ["MRT_VERSION"] = M.MRT_VERSION,
        ["MRT_ASSERT"] = M.MRT_ASSERT, ["MRT_PIM"] = M.MRT_PIM, ["MRT_TABLE"] = M.MRT_TABLE,
        ["MRT_ADD_MFC_PROXY"] = M.MRT_ADD_MFC_PROXY, ["MRT_DEL_MFC_PROXY"] = M.MRT_DEL_MFC_PROXY, ["MRT_FLUSH"] = M.MRT_FLUSH,
        ["MRT_FLUSH_MFC"] = M.MRT_FLUSH_MFC, ["MRT_FLUSH_MFC_STATIC"] = M.MRT_FLUSH_MFC_STATIC,
        ["MRT_FLUSH_VIFS"] = M.MRT_FLUSH_VIFS, ["MRT_FLUSH_VIFS_STATIC"] = M.MRT_FLUSH_VIFS_STATIC, ["MAXVIFS"] = M.MAXVIFS,
        ["VIFF_TUNNEL"] = M.VIFF_TUNNEL, ["VIFF_SRCRT"] = M.VIFF_SRCRT, ["VIFF_REGISTER"] = M.VIFF_REGISTER,
        ["VIFF_USE_IFINDEX"] = M.VIFF_USE_IFINDEX,
        ["IGMPMSG_NOCACHE"] = M.IGMPMSG_NOCACHE, ["IGMPMSG_WRONGVIF"] = M.IGMPMSG_WRONGVIF,
        ["IGMPMSG_WHOLEPKT"] = M.IGMPMSG_WHOLEPKT, ["IGMPMSG_WRVIFWHOLE"] = M.IGMPMSG_WRVIFWHOLE,
        ["SIOCGETVIFCNT"] = M.SIOCGETVIFCNT, ["SIOCGETSGCNT"] = M.SIOCGETSGCNT, ["SIOCGETRPF"] = M.SIOCGETRPF,
        ["MRT6_INIT"] = M6.MRT6_INIT, ["MRT6_DONE"] = M6.MRT6_DONE, ["MRT6_ADD_MIF"] = M6.MRT6_ADD_MIF,
        ["MRT6_DEL_MIF"] = M6.MRT6_DEL_MIF, ["MRT6_ADD_MFC"] = M6.MRT6_ADD_MFC, ["MRT6_DEL_MFC"] = M6.MRT6_DEL_MFC,
        ["MRT6_VERSION"] = M6.MRT6_VERSION, ["MRT6_ASSERT"] = M6.MRT6_ASSERT, ["MRT6_PIM"] = M6.MRT6_PIM,
        ["MRT6_TABLE"] = M6.MRT6_TABLE, ["MRT6_ADD_MFC_PROXY"] = M6.MRT6_ADD_MFC_PROXY,
        ["MRT6_DEL_MFC_PROXY"] = M6.MRT6_DEL_MFC_PROXY, ["MRT6_FLUSH"] = M6.MRT6_FLUSH,
        ["MRT6_FLUSH_MFC"] = M6.MRT6_FLUSH_MFC, ["MRT6_FLUSH_MFC_STATIC"] = M6.MRT6_FLUSH_MFC_STATIC,
        ["MRT6_FLUSH_MIFS"] = M6.MRT6_FLUSH_MIFS, ["MRT6_FLUSH_MIFS_STATIC"] = M6.MRT6_FLUSH_MIFS_STATIC,
        ["MAXMIFS"] = M6.MAXMIFS, ["IF_SETSIZE"] = M6.IF_SETSIZE, ["MIFF_REGISTER"] = M6.MIFF_REGISTER,
        ["MRT6MSG_NOCACHE"] = M6.MRT6MSG_NOCACHE, ["MRT6MSG_WRONGMIF"] = M6.MRT6MSG_WRONGMIF,
        ["MRT6MSG_WHOLEPKT"] = M6.MRT6MSG_WHOLEPKT, ["MRT6MSG_WRMIFWHOLE"] = M6.MRT6MSG_WRMIFWHOLE,
        ["SIOCGETMIFCNT_IN6"] = M6.SIOCGETMIFCNT_IN6, ["SIOCGETSGCNT_IN6"] = M6.SIOCGETSGCNT_IN6,
        ["NETLINK_ROUTE"] = N.NETLINK_ROUTE, ["SOL_NETLINK"] = N.SOL_NETLINK, ["NETLINK_EXT_ACK"] = N.NETLINK_EXT_ACK,
        ["NLMSG_NOOP"] = N.NLMSG_NOOP, ["NLMSG_ERROR"] = N.NLMSG_ERROR, ["NLMSG_DONE"] = N.NLMSG_DONE,
        ["NLMSG_OVERRUN"] = N.NLMSG_OVERRUN, ["NLM_F_REQUEST"] = N.NLM_F_REQUEST, ["NLM_F_MULTI"] = N.NLM_F_MULTI,
        ["NLM_F_ACK"] = N.NLM_F_ACK, ["NLM_F_ROOT"] = N.NLM_F_ROOT, ["NLM_F_MATCH"] = N.NLM_F_MATCH,
        ["NLM_F_DUMP"] = N.NLM_F_DUMP, ["NLM_F_REPLACE"] = N.NLM_F_REPLACE, ["NLM_F_EXCL"] = N.NLM_F_EXCL,
        ["NLM_F_CREATE"] = N.NLM_F_CREATE,
        ["RTM_NEWLINK"] = N.RTM_NEWLINK, ["RTM_DELLINK"] = N.RTM_DELLINK, ["RTM_GETLINK"] = N.RTM_GETLINK,
        ["RTM_NEWADDR"] = N.RTM_NEWADDR, ["RTM_DELADDR"] = N.RTM_DELADDR, ["RTM_GETADDR"] = N.RTM_GETADDR,
        ["RTM_NEWRULE"] = N.RTM_NEWRULE, ["RTM_DELRULE"] = N.RTM_DELRULE, ["RTM_GETRULE"] = N.RTM_GETRULE,
        ["RTMGRP_LINK"] = N.RTMGRP_LINK, ["RTMGRP_IPV4_IFADDR"] = N.RTMGRP_IPV4_IFADDR,
        ["RTMGRP_IPV6_IFADDR"] = N.RTMGRP_IPV6_IFADDR,
        ["IFLA_ADDRESS"] = N.IFLA_ADDRESS, ["IFLA_IFNAME"] = N.IFLA_IFNAME, ["IFLA_MTU"] = N.IFLA_MTU,
        ["IFLA_OPERSTATE"] = N.IFLA_OPERSTATE, ["IFA_ADDRESS"] = N.IFA_ADDRESS, ["IFA_LOCAL"] = N.IFA_LOCAL,
        ["IFA_LABEL"] = N.IFA_LABEL, ["IFA_FLAGS"] = N.IFA_FLAGS,
        ["IFF_UP"] = N.IFF_UP, ["IFF_LOOPBACK"] = N.IFF_LOOPBACK, ["IFF_POINTOPOINT"] = N.IFF_POINTOPOINT,
        ["IFF_RUNNING"] = N.IFF_RUNNING, ["IFF_MULTICAST"] = N.IFF_MULTICAST,
        ["RT_SCOPE_UNIVERSE"] = N.RT_SCOPE_UNIVERSE, ["RT_SCOPE_LINK"] = N.RT_SCOPE_LINK, ["RT_SCOPE_HOST"] = N.RT_SCOPE_HOST,
        ["FRA_IIFNAME"] = N.FRA_IIFNAME, ["FRA_PRIORITY"] = N.FRA_PRIORITY, ["FRA_TABLE"] = N.FRA_TABLE,
        ["FRA_OIFNAME"] = N.FRA_OIFNAME, ["FR_ACT_TO_TBL"] = N.FR_ACT_TO_TBL, ["RT_TABLE_UNSPEC"] = N.RT_TABLE_UNSPEC,
        ["RTNL_FAMILY_IPMR"] = N.RTNL_FAMILY_IPMR, ["RTNL_FAMILY_IP6MR"] = N.RTNL_FAMILY_IP6MR,
    };

    internal static readonly Lazy<string[]> s_probeOutput = new(RunProbe);

    [Fact]
    public void EveryStructSizeMatchesTheHeaders()
    {
        var seen = new HashSet<string>();
        foreach (string[] f in Lines("S"))
        {
            Assert.True(s_structs.TryGetValue(f[1], out Type? t), $"probe prints unknown struct {f[1]}");
            Assert.True(SizeOf(t!) == int.Parse(f[2]), $"sizeof({f[1]}): C {f[2]}, managed {SizeOf(t!)}");
            seen.Add(f[1]);
        }

        Assert.Equal(s_structs.Count, seen.Count);
    }

    [Fact]
    public void EveryFieldOffsetMatchesTheHeaders()
    {
        int count = 0;
        foreach (string[] f in Lines("O"))
        {
            Type t = s_structs[f[1]];
            long managed = Marshal.OffsetOf(t, f[2]).ToInt64();
            Assert.True(managed == long.Parse(f[3]), $"offsetof({f[1]}, {f[2]}): C {f[3]}, managed {managed}");
            count++;
        }

        Assert.True(count > 100, $"only {count} offsets checked");
    }

    [Fact]
    public void EveryConstantMatchesTheHeaders()
    {
        var seen = new HashSet<string>();
        foreach (string[] f in Lines("C"))
        {
            Assert.True(s_constants.TryGetValue(f[1], out long managed), $"probe prints unknown constant {f[1]}");
            Assert.True(managed == long.Parse(f[2]), $"{f[1]}: C {f[2]}, managed {managed}");
            seen.Add(f[1]);
        }

        Assert.Equal(s_constants.Count, seen.Count);
    }

    [Fact]
    public void X8664SizesAreTheOnesTheKernelDocumentationQuotes()
    {
        // Sanity anchor independent of the probe (x86-64 / arm64 LP64 values).
        Assert.Equal(16, Unsafe.SizeOf<M.vifctl>());
        Assert.Equal(60, Unsafe.SizeOf<M.mfcctl>());
        Assert.Equal(12, Unsafe.SizeOf<M6.mif6ctl>());
        Assert.Equal(92, Unsafe.SizeOf<M6.mf6cctl>());
        Assert.Equal(20, Unsafe.SizeOf<M.igmpmsg>());
        Assert.Equal(40, Unsafe.SizeOf<M6.mrt6msg>());
    }

    private static int SizeOf(Type t) => Marshal.SizeOf(t);

    private static IEnumerable<string[]> Lines(string kind)
    {
        foreach (string line in s_probeOutput.Value)
        {
            string[] f = line.Split(' ');
            if (f[0] == kind)
            {
                yield return f;
            }
        }
    }

    private static string[] RunProbe()
    {
        string source = FindProbeSource();
        string dir = Directory.CreateTempSubdirectory("mcproxy-abi-").FullName;
        try
        {
            string exe = Path.Combine(dir, "probe");
            Run("cc", ["-Wall", "-Wextra", "-Werror", "-o", exe, source]);
            return Run(exe, []).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static string Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited {p.ExitCode}: {stderr}");
        }

        return stdout;
    }

    internal static string FindProbeSource()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "abi", "probe.c");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/abi/probe.c not found above " + AppContext.BaseDirectory);
    }
}
