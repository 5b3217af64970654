using System.Collections.Generic;
using McProxy.Interop;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using Xunit;

namespace McProxy.Tests.Platform;

public sealed class NetlinkWatcherTests
{
    [Fact]
    public void DumpsTheInventoryAndReportsLinkAndAddressEvents()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        using var topo = new KernelTopology();
        var events = new Recorder();
        using NetlinkWatcher w = topo.R.Run(() => NetlinkWatcher.Open(events));
        Assert.True(w.Inventory.TryGet(topo.R0, out InterfaceState r0));
        Assert.Equal("r0", r0.Name);
        Assert.True(r0.IsUp);
        Assert.Contains(Addr.Parse("10.0.0.1"), r0.V4Addresses);
        Assert.Equal(topo.R.Run(() => NetNs.LinkLocal("r0")), r0.LinkLocal);
        Assert.Empty(events.Lines);

        topo.R.Ip("link add r9 type veth peer name r9p");
        topo.R.Ip("addr add 10.9.9.9/24 dev r9");
        topo.R.Ip("link del r9");
        bool seen = Wait.ForReadable(w.Fd, 3000, () =>
        {
            Assert.Equal(Errno.OK, w.OnReadable());
            return events.Lines.Exists(l => l.StartsWith("removed") && l.EndsWith(" r9"));
        });
        Assert.True(seen, string.Join("; ", events.Lines));
        int r9 = events.Lines.FindIndex(l => l.StartsWith("link") && l.Contains(" r9 "));
        Assert.True(r9 >= 0);
        Assert.Contains(events.Lines, l => l.StartsWith("addr"));
        Assert.Equal(0, w.Inventory.IndexOf("r9"));
    }

    private sealed class Recorder : INetlinkListener
    {
        public List<string> Lines { get; } = new();

        public void LinkChanged(int ifindex, string name, bool up) => Lines.Add($"link {ifindex} {name} {up}");

        public void LinkRemoved(int ifindex, string name) => Lines.Add($"removed {ifindex} {name}");

        public void AddressChanged(int ifindex) => Lines.Add($"addr {ifindex}");
    }
}
