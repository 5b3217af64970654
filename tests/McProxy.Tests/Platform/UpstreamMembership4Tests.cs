using System;
using System.Collections.Generic;
using System.Globalization;
using McProxy.Interop;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using McProxy.Protocol;
using Xunit;

namespace McProxy.Tests.Platform;

/// <summary>Real-kernel tests of upstream IGMP membership (root, fresh namespaces).</summary>
public sealed class UpstreamMembership4Tests
{
    [Fact]
    public void IncludeJoinIsReportedAsAllowNotAsModeChange()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        using ReportCapture cap = topo.H.Run(() => ReportCapture.Open(topo.H0, v6: false));
        Addr g = Addr.Parse("232.1.1.1");
        Addr s1 = Addr.Parse("10.9.0.1");
        using var up = topo.R.Run(() =>
        {
            var u = HostMembership.ForUpstreams(IpFamily.V4);
            Assert.Equal(Errno.OK, u.SetMembership(topo.R0, g, FilterMode.Include, [s1]));
            return u;
        });

        List<ReportCapture.Record> recs = cap.Collect(g, 3000, r => r.Count > 0);
        Assert.NotEmpty(recs);
        Assert.Equal(RecordType.AllowNewSources, recs[0].Type);
        Assert.Equal(new[] { s1 }, recs[0].Sources);
        Assert.DoesNotContain(recs, r => r.Type is RecordType.ChangeToExclude or RecordType.ChangeToInclude);
        topo.R.Run(() => Assert.Contains("0xe8010101 0x0a090001 1 0", NetNs.ProcNet("mcfilter")));

        // Removing one of two sources is a BLOCK for that source only.
        Addr s2 = Addr.Parse("10.9.0.2");
        topo.R.Run(() => Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Include, [s1, s2])));
        topo.R.Run(() => Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Include, [s2])));
        recs = cap.Collect(g, 3000, r => r.Exists(x => x.Type == RecordType.BlockOldSources));
        Assert.Contains(recs, r => r.Type == RecordType.BlockOldSources && r.Sources.Length == 1 && r.Sources[0] == s1);
        topo.R.Run(() =>
        {
            string mcf = NetNs.ProcNet("mcfilter");
            Assert.DoesNotContain("0x0a090001", mcf);
            Assert.Contains("0x0a090002", mcf);
        });
    }

    [Fact]
    public void PerSocketLimitsDoNotCapTheProxy()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        topo.R.Run(() =>
        {
            using var up = HostMembership.ForUpstreams(IpFamily.V4);
            Assert.Equal(20, KernelLimits.IgmpMaxMemberships);
            Assert.Equal(10, KernelLimits.IgmpMaxMsf);

            // 45 ASM groups: more than two sockets' worth of igmp_max_memberships.
            for (int i = 0; i < 45; i++)
            {
                Assert.Equal(Errno.OK, up.SetMembership(topo.R0, Addr.FromV4(225, 1, 0, (byte)i), FilterMode.Exclude, default));
            }

            Assert.Equal(3, up.SocketCount);
            string igmp = NetNs.ProcNet("igmp");
            for (int i = 0; i < 45; i++)
            {
                Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{i:X2}0001E1"), igmp);
            }

            // 25 INCLUDE sources for one group: more than igmp_max_msf per socket.
            Addr g = Addr.Parse("232.2.2.2");
            var sources = new Addr[25];
            for (int i = 0; i < sources.Length; i++)
            {
                sources[i] = Addr.FromV4(10, 20, 0, (byte)(i + 1));
            }

            Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Include, sources));
            Assert.Equal(25, CountLines(NetNs.ProcNet("mcfilter"), "0xe8020202"));

            // INCLUDE -> EXCLUDE {one} -> INCLUDE {two} -> leave.
            Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Exclude, [sources[0]]));
            string mcf = NetNs.ProcNet("mcfilter");
            Assert.Equal(1, CountLines(mcf, "0xe8020202"));
            Assert.Contains("0xe8020202 0x0a140001 0 1", mcf);
            Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Include, [sources[1], sources[2]]));
            Assert.Equal(2, CountLines(NetNs.ProcNet("mcfilter"), "0xe8020202"));
            Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Include, default));
            Assert.Equal(0, CountLines(NetNs.ProcNet("mcfilter"), "0xe8020202"));
            Assert.DoesNotContain("020202E8", NetNs.ProcNet("igmp"));
        });
    }

    internal static int CountLines(string text, string needle)
    {
        int n = 0;
        foreach (string line in text.Split('\n'))
        {
            if (line.Contains(needle, StringComparison.Ordinal))
            {
                n++;
            }
        }

        return n;
    }
}
