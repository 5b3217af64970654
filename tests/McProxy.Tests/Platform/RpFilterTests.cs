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

    private static void Write(string root, string name, string value)
    {
        Directory.CreateDirectory(Path.Combine(root, name));
        File.WriteAllText(Path.Combine(root, name, "rp_filter"), value + "\n");
    }

    private static string Read(string root, string name) => File.ReadAllText(Path.Combine(root, name, "rp_filter")).Trim();
}
