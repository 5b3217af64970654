using System;
using McProxy.Interop;
using McProxy.Platform.Multicast;
using McProxy.Protocol;
using Xunit;

namespace McProxy.Tests.Platform;

/// <summary>
/// Upstream memberships against the kernel's per-socket limits, on a fake of the socket options
/// that answers as Linux does (<see cref="LinuxHostSocketsFake"/>). Issue 13 items 7 and 8.
/// </summary>
public sealed class HostMembershipLimitsTests
{
    private const int If = 7;

    private static readonly Addr G = Addr.Parse("232.1.1.1");

    private static Addr Group(int i) => Addr.FromV4(0xE1010000u + (uint)i);

    private static Addr Source(int i) => Addr.FromV4(0x0A000000u + (uint)i);

    [Fact]
    public void AFailedChangeThatLeftTheGroupOnNoSocketDoesNotBreakTheNextOne()
    {
        // igmp_max_msf 1 and one descriptor left: INCLUDE {s1} fits, {s2} needs a second socket.
        var kernel = new LinuxHostSocketsFake(IpFamily.V4, maxMsf: 1, maxOpen: 1);
        using var hm = new HostMembership(IpFamily.V4, 20, 1, kernel);
        Assert.Equal(Errno.OK, hm.SetMembership(If, G, FilterMode.Include, [Source(1)]));
        Assert.Equal(Errno.EMFILE, hm.SetMembership(If, G, FilterMode.Include, [Source(2)]));
        Assert.Null(kernel.InterfaceState(If, G)); // s1 was removed as asked; s2 could not be added

        // Once the group is on no socket, a change to EXCLUDE must join it afresh (it read an
        // empty socket list and threw).
        Assert.Equal(Errno.OK, hm.SetMembership(If, G, FilterMode.Exclude, default));
        Assert.Equal(FilterMode.Exclude, kernel.InterfaceState(If, G)?.Mode);
        Assert.Equal(Errno.OK, hm.SetMembership(If, G, FilterMode.Include, default));
        Assert.Null(kernel.InterfaceState(If, G));
    }

    [Fact]
    public void OneRefusalOnAFreshSocketNeitherLowersTheLimitNorLeaksTheSocket()
    {
        var kernel = new LinuxHostSocketsFake(IpFamily.V4);
        using var hm = new HostMembership(IpFamily.V4, 20, 10, kernel);
        kernel.RefuseNextJoins = 1;
        Errno first = hm.SetMembership(If, Group(0), FilterMode.Exclude, default);
        Assert.True(first is Errno.OK or Errno.ENOBUFS, first.ToString());
        Assert.Equal(0, kernel.EmptySockets);

        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(Errno.OK, hm.SetMembership(If, Group(i), FilterMode.Exclude, default));
        }

        // 40 groups at 20 a socket: two sockets, not one per group.
        Assert.Equal(2, kernel.OpenSockets);
        Assert.Equal(0, kernel.EmptySockets);
    }

    [Fact]
    public void AKernelThatRefusesEveryJoinCostsAtMostOneSocketACall()
    {
        var kernel = new LinuxHostSocketsFake(IpFamily.V4, maxMemberships: 0);
        using var hm = new HostMembership(IpFamily.V4, 20, 10, kernel);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Errno.ENOBUFS, hm.SetMembership(If, Group(i), FilterMode.Exclude, default));
            Assert.Equal(Errno.ENOBUFS, hm.SetMembership(If, G, FilterMode.Include, [Source(i)]));
        }

        Assert.Equal(0, kernel.OpenSockets);
        Assert.True(kernel.Opened <= 10, kernel.Opened + " sockets opened for 10 refused joins");
        Assert.Equal(0, hm.SocketCount);
    }

    [Fact]
    public void ALowerKernelLimitThanReadIsFoundPerSocket()
    {
        // The sysctl was lowered to 10 after it was read as 20.
        var kernel = new LinuxHostSocketsFake(IpFamily.V4, maxMemberships: 10);
        using var hm = new HostMembership(IpFamily.V4, 20, 10, kernel);
        for (int i = 0; i < 45; i++)
        {
            Assert.Equal(Errno.OK, hm.SetMembership(If, Group(i), FilterMode.Exclude, default));
        }

        Assert.Equal(5, kernel.OpenSockets);
        for (int i = 0; i < 45; i++)
        {
            Assert.Equal(Errno.OK, hm.SetMembership(If, Group(i), FilterMode.Include, default));
        }

        Assert.Equal(0, kernel.OpenSockets);
        Assert.Equal(0, hm.SocketCount);
    }

    [Fact]
    public void Ipv6OptionMemoryFullMovesToAnotherSocket()
    {
        // optmem_max 20 KiB (kernels before 6.6): an IPv6 socket holds far fewer than 256 groups
        // with source lists; the kernel says ENOMEM for the join and ENOBUFS for the list.
        var kernel = new LinuxHostSocketsFake(IpFamily.V6, maxMsf: 64, optmemMax: 20480);
        using var hm = new HostMembership(IpFamily.V6, 256, 64, kernel);
        var sources = new Addr[10];
        for (int i = 0; i < sources.Length; i++)
        {
            sources[i] = Addr.Parse("2001:db8::" + (i + 1).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }

        for (int i = 0; i < 300; i++)
        {
            Addr g = Addr.Parse("ff3e::1:" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Errno.OK, hm.SetMembership(If, g, FilterMode.Exclude, sources));
            Assert.Equal(10, kernel.InterfaceState(If, g)?.Sources.Count);
        }

        Assert.Equal(0, kernel.EmptySockets);
    }

    [Fact]
    public void IncludeSourcesSpreadAndCollapseAcrossSockets()
    {
        var kernel = new LinuxHostSocketsFake(IpFamily.V4);
        using var hm = new HostMembership(IpFamily.V4, 20, 10, kernel);
        var sources = new Addr[25];
        for (int i = 0; i < sources.Length; i++)
        {
            sources[i] = Source(i + 1);
        }

        Assert.Equal(Errno.OK, hm.SetMembership(If, G, FilterMode.Include, sources));
        Assert.Equal(25, kernel.InterfaceState(If, G)?.Sources.Count);
        Assert.Equal(3, kernel.OpenSockets);

        Assert.Equal(Errno.OK, hm.SetMembership(If, G, FilterMode.Exclude, [sources[0]]));
        Assert.Equal((FilterMode.Exclude, 1), (kernel.InterfaceState(If, G)!.Value.Mode, kernel.InterfaceState(If, G)!.Value.Sources.Count));
        Assert.Equal(Errno.OK, hm.SetMembership(If, G, FilterMode.Include, [sources[1], sources[2]]));
        Assert.Equal((FilterMode.Include, 2), (kernel.InterfaceState(If, G)!.Value.Mode, kernel.InterfaceState(If, G)!.Value.Sources.Count));
        Assert.Equal(Errno.OK, hm.SetMembership(If, G, FilterMode.Include, [sources[2]]));
        Assert.Equal(Errno.OK, hm.SetMembership(If, G, FilterMode.Include, default));
        Assert.Null(kernel.InterfaceState(If, G));
        Assert.Equal(0, kernel.EmptySockets);
    }
}
