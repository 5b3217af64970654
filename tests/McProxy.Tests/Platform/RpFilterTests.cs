using System;
using System.IO;
using McProxy.Platform.Host;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Multicast;
using Xunit;

namespace McProxy.Tests.Platform;

public sealed class RpFilterTests
{
    [Fact]
    public void RestoresExactlyThePreviousValues()
    {
        string root = Directory.CreateTempSubdirectory("mcpk-rp-").FullName;
        try
        {
            Write(root, "all", "1");
            Write(root, "eth0", "2");
            Write(root, "eth1", "0");
            var rp = new RpFilter(root);
            rp.Disable("eth0");
            rp.Disable("eth1");
            rp.Disable("eth0");
            Assert.Equal("0", Read(root, "all"));
            Assert.Equal("0", Read(root, "eth0"));
            Assert.Equal(2, rp.Saved.Count); // eth1 was already 0: nothing to restore
            Assert.Empty(rp.Restore());
            Assert.Equal("1", Read(root, "all"));
            Assert.Equal("2", Read(root, "eth0"));
            Assert.Equal("0", Read(root, "eth1"));
            Assert.Throws<ArgumentException>(() => rp.Disable("../x"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void WorksOnTheRealSysctlsInANamespace()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        topo.R.Run(() =>
        {
            File.WriteAllText("/proc/sys/net/ipv4/conf/r0/rp_filter", "2");
            File.WriteAllText("/proc/sys/net/ipv4/conf/all/rp_filter", "1");
            using (var rp = new RpFilter())
            {
                rp.Disable("r0");
                Assert.Equal("0", File.ReadAllText("/proc/sys/net/ipv4/conf/r0/rp_filter").Trim());
                Assert.Equal("0", File.ReadAllText("/proc/sys/net/ipv4/conf/all/rp_filter").Trim());
            }

            Assert.Equal("2", File.ReadAllText("/proc/sys/net/ipv4/conf/r0/rp_filter").Trim());
            Assert.Equal("1", File.ReadAllText("/proc/sys/net/ipv4/conf/all/rp_filter").Trim());
        });
    }

    [Fact]
    public void ValuesLeftByAnUncleanExitAreRestoredAtTheNextStart()
    {
        // Issue 13 item 8: the originals survive a crash or SIGKILL in the state file.
        string root = Directory.CreateTempSubdirectory("mcpk-rp-").FullName;
        string state = Path.Combine(root, "mcproxy.rp_filter");
        try
        {
            Write(root, "all", "1");
            Write(root, "wan", "2");
            var rp = new RpFilter(root, state);
            rp.Disable("wan");
            Assert.Equal("0", Read(root, "wan"));
            Assert.Equal("all 1\nwan 2\n", File.ReadAllText(state));

            // The daemon dies here (no Dispose). The next start puts the values back.
            Assert.Equal(new[] { "wan", "all" }, RpFilter.RestoreLeftovers(state, root));
            Assert.Equal("1", Read(root, "all"));
            Assert.Equal("2", Read(root, "wan"));
            Assert.Equal(string.Empty, File.ReadAllText(state));
            Assert.Empty(RpFilter.RestoreLeftovers(Path.Combine(root, "none"), root));

            // A clean exit restores and removes the file.
            var again = new RpFilter(root, state);
            again.Disable("wan");
            again.Dispose();
            Assert.Equal("2", Read(root, "wan"));
            Assert.False(File.Exists(state));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void OnlyUpstreamsAreTurnedOffDownstreamsKeepTheirFiltering()
    {
        string root = Directory.CreateTempSubdirectory("mcpk-rp-").FullName;
        try
        {
            Write(root, "all", "1");
            Write(root, "wan", "1");
            Write(root, "lan0", "0");
            Write(root, "lan1", "2");
            Write(root, "lan2", "0");
            var rp = new RpFilter(root);
            rp.Protect("lan0");          // attached before the upstream: nothing to do yet
            Assert.Equal("0", Read(root, "lan0"));
            rp.Disable("wan");
            rp.Protect("lan1");
            rp.Protect("lan2");          // attached after
            Assert.Equal("0", Read(root, "all"));
            Assert.Equal("0", Read(root, "wan"));
            // Effective value = max(all, own): unchanged on every downstream.
            Assert.Equal("1", Read(root, "lan0"));
            Assert.Equal("2", Read(root, "lan1"));
            Assert.Equal("1", Read(root, "lan2"));
            Assert.Empty(rp.Restore());
            Assert.Equal("1", Read(root, "all"));
            Assert.Equal("1", Read(root, "wan"));
            Assert.Equal("0", Read(root, "lan0"));
            Assert.Equal("2", Read(root, "lan1"));
            Assert.Equal("0", Read(root, "lan2"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Write(string root, string name, string value)
    {
        Directory.CreateDirectory(Path.Combine(root, name));
        File.WriteAllText(Path.Combine(root, name, "rp_filter"), value + "\n");
    }

    private static string Read(string root, string name) => File.ReadAllText(Path.Combine(root, name, "rp_filter")).Trim();
}
