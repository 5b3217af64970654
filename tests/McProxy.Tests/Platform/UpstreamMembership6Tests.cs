using System.Collections.Generic;
using McProxy.Interop;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using McProxy.Protocol;
using Xunit;

namespace McProxy.Tests.Platform;

/// <summary>Real-kernel tests of upstream MLD membership (root, fresh namespaces).</summary>
public sealed class UpstreamMembership6Tests
{
    [Fact]
    public void IncludeJoinIsAllowAndManySourcesAndLeaveWork()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        using ReportCapture cap = topo.H.Run(() => ReportCapture.Open(topo.H0, v6: true));
        Addr g = Addr.Parse("ff3e::8000:1");
        Addr s1 = Addr.Parse("fd01::1");
        using var up = topo.R.Run(() =>
        {
            var u = HostMembership.ForUpstreams(IpFamily.V6);
            Assert.Equal(Errno.OK, u.SetMembership(topo.R0, g, FilterMode.Include, [s1]));
            return u;
        });
        List<ReportCapture.Record> recs = cap.Collect(g, 3000, r => r.Count > 0);
        Assert.NotEmpty(recs);
        Assert.Equal(RecordType.AllowNewSources, recs[0].Type);
        Assert.Equal(new[] { s1 }, recs[0].Sources);

        topo.R.Run(() =>
        {
            // 100 sources: more than mld_max_msf (64) on one socket.
            var sources = new Addr[100];
            for (int i = 0; i < sources.Length; i++)
            {
                sources[i] = new Addr(0xfd02_0000_0000_0000UL, (ulong)i + 1);
            }

            Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Include, sources));
            Assert.Equal(100, UpstreamMembership4Tests.CountLines(NetNs.ProcNet("mcfilter6"), "ff3e0000000000000000000080000001 fd02"));
            Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Exclude, [sources[0]]));
            Assert.Equal(Errno.OK, up.SetMembership(topo.R0, g, FilterMode.Include, default));
            Assert.DoesNotContain("ff3e0000000000000000000080000001", NetNs.ProcNet("igmp6"));
        });
    }
}
