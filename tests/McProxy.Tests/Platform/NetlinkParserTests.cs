using System;
using System.Collections.Generic;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using Xunit;
using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Tests.Platform;

/// <summary>
/// rtnetlink decoding on messages captured from this kernel (6.18, x86-64) in a namespace with a
/// veth "va" (ifindex 3, 10.0.0.1/24, fe80::e025:a7ff:fe07:399b): the RTM_NEWLINK reply, the
/// RTM_NEWADDR dump entries, and the RTM_DELADDR/RTM_DELLINK events of `ip link del va`.
/// </summary>
public sealed class NetlinkParserTests
{
    private const string NewLinkVa =
        "d405000010000000010000006a5c000000000100030000004310010000000000070003007661000008000d00e8030000"
        + "05001000060000000500110000000000050043000000000008000400dc050000080032004400000008003300ffff0000"
        + "08001b000000000008001e000000000008003d000000000008001f000200000008002800ffff00000800290000000100"
        + "08003a000000010008003f0000000100080040000000010008003b00f8ff070008003c00ffff00000800420000000000"
        + "08002000020000000500210001000000080023000200000008002f000100000008003000010000000600440000000000"
        + "060045000000000005002700000000000a000100e225a707399b00000a000200ffffffffffff0000cc00170002000000"
        + "000000000200000000000000b000000000000000b0000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000640007000200000002000000b0000000b0000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000000000000c002b0005000200000000001000120009000100766574680000000008000500020000000c000600"
        + "6e6f71756575650030031a008c0002008800010000000000000000000000000001000000010000000100000001000000"
        + "000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000010270000e8030000000000000000000000000000"
        + "0000000001000000a0020a00080001000000008014000500ffff0000fc1d0200f0730000e8030000f400020000000000"
        + "40000000dc05000001000000010000000100000001000000ffffffffa00f0000e803000000000000803a090080510100"
        + "0300000058020000100000000000000001000000010000000100000060ea000000000000000000000000000000000000"
        + "000000000000000001000000000000000000000010270000e80300000100000000000000000000000100000000000000"
        + "00000000010000000000000000000000000000000000000080ee36000000000000000000010000000000000000000000"
        + "0000000000000000000000000004000000000000ffff0000ffffffff0100000000000000000000000000000034010300"
        + "260000000000000002000000000000009400000000000000000000000000000002000000000000000000000000000000"
        + "000000000000000000000000000000000200000000000000020000000000000094000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000002000000000000000200000000000000"
        + "000000000000000000000000000000009400000000000000940000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000003c00060007000000000000000000000000000000000000000000000002000000"
        + "000000000000000000000000000000000000000000000000000000001400070000000000000000000000000000000000"
        + "050008000000000024000e00000000000000000000000000000000000000000000000000000000000000000004003e80"
        + "04004180";

    private const string NewAddrV4 =
        "4c00000014000200010000006a5c00000218800003000000080001000a000001080002000a0000010700030076610000"
        + "080008008000000014000600fffffffffffffffffb1d0200fb1d0200";

    private const string NewAddrV6LinkLocal =
        "5000000014000200010000006a5c00000a40c0fd0300000014000100fe80000000000000e025a7fffe07399b14000600"
        + "fffffffffffffffffc1d0200fc1d020008000800c000000005000b0003000000";

    // The same address after duplicate address detection: IFA_F_PERMANENT only (0x80, not 0xc0).
    private const string NewAddrV6LinkLocalUsable =
        "5000000014000200010000006a5c00000a4080fd0300000014000100fe80000000000000e025a7fffe07399b14000600"
        + "fffffffffffffffffc1d0200fc1d0200080008008000000005000b0003000000";

    private const string DelAddrV6LinkLocal =
        "500000001500000000000000000000000a40c0fd0300000014000100fe80000000000000e025a7fffe07399b14000600"
        + "fffffffffffffffffc1d0200fc1d020008000800c000000005000b0003000000";

    private const string DelLinkVa =
        "a8020000110000000000000000000000000001000300000002100000ffffffff070003007661000008000d00e8030000"
        + "05001000020000000500110000000000050043000000000008000400dc050000080032004400000008003300ffff0000"
        + "08001b000000000008001e000000000008003d000000000008001f000200000008002800ffff00000800290000000100"
        + "08003a000000010008003f0000000100080040000000010008003b00f8ff070008003c00ffff00000800420000000000"
        + "08002000020000000500210000000000080023000300000008002f000100000008003000020000000600440000000000"
        + "060045000000000005002700000000000a000100e225a707399b00000a000200ffffffffffff0000cc00170000000000"
        + "0000000002000000000000000000000000000000b0000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000064000700000000000200000000000000b0000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000000000000c002b00050002000000000010001200090001007665746800000000080005000000000009000600"
        + "6e6f6f700000000004001a0024000e000000000000000000000000000000000000000000000000000000000000000000"
        + "04003e8004004180";

    [Fact]
    public void NewLinkGivesIndexNameAndUpRunningFlags()
    {
        NetlinkParser.Message m = Single(NewLinkVa);
        Assert.Equal(Netlink.RTM_NEWLINK, m.Type);
        Assert.True(NetlinkParser.TryParseLink(m.Payload, out LinkInfo link));
        Assert.Equal(3, link.IfIndex);
        Assert.Equal("va", link.Name);
        Assert.Equal(0x11043u, link.Flags);
        Assert.True(link.IsUp);
    }

    [Fact]
    public void NewAddrGivesTheLocalAddressAndPrefix()
    {
        NetlinkParser.Message m = Single(NewAddrV4);
        Assert.True(NetlinkParser.TryParseAddress(m.Payload, out AddressInfo a));
        Assert.Equal(new AddressInfo(3, Addr.Parse("10.0.0.1"), 24, 0, 0x80), a);

        m = Single(NewAddrV6LinkLocal);
        Assert.True(NetlinkParser.TryParseAddress(m.Payload, out a));
        Assert.Equal(new AddressInfo(3, Addr.Parse("fe80::e025:a7ff:fe07:399b"), 64, 253, 0xc0), a);
        Assert.True(a.IsUnusable); // IFA_F_TENTATIVE: duplicate address detection is running
    }

    [Fact]
    public void InventoryFollowsLinkAndAddressEvents()
    {
        var inv = new InterfaceInventory();
        var log = new RecordingListener();
        Apply(inv, log, NewLinkVa, NewAddrV4, NewAddrV6LinkLocal, NewAddrV4);
        Assert.True(inv.TryGet(3, out InterfaceState s));
        Assert.Equal(Addr.None, s.LinkLocal); // still tentative: nothing can be sent from it yet
        Apply(inv, log, NewAddrV6LinkLocalUsable);
        Assert.Equal("va", s.Name);
        Assert.True(s.IsUp);
        Assert.Equal(new[] { Addr.Parse("10.0.0.1") }, s.V4Addresses.ToArray());
        Assert.Equal(new[] { new Subnet(Addr.Parse("10.0.0.1"), 24) }, s.V4Subnets.ToArray());
        Assert.Equal(Addr.Parse("fe80::e025:a7ff:fe07:399b"), s.LinkLocal);
        Assert.Equal(3, inv.IndexOf("va"));

        Apply(inv, log, DelAddrV6LinkLocal, DelLinkVa);
        Assert.False(inv.TryGet(3, out _));
        Assert.Equal(new[] { "link 3 va up", "addr 3", "addr 3", "addr 3", "removed 3 va" }, log.Events.ToArray());
    }

    [Fact]
    public void ResyncReportsOnlyRealDifferences()
    {
        var inv = new InterfaceInventory();
        var log = new RecordingListener();
        Apply(inv, null, NewLinkVa, NewAddrV4, NewAddrV6LinkLocalUsable);

        // Same dump again: nothing to report.
        inv.BeginResync(log);
        Apply(inv, log, NewLinkVa, NewAddrV4, NewAddrV6LinkLocalUsable);
        inv.EndResync();
        Assert.Empty(log.Events);

        // The addresses vanished while events were lost.
        inv.BeginResync(log);
        Apply(inv, log, NewLinkVa);
        inv.EndResync();
        Assert.Equal(new[] { "addr 3" }, log.Events.ToArray());
        Assert.True(inv.TryGet(3, out InterfaceState s));
        Assert.Empty(s.V4Addresses);
        Assert.Empty(s.V4Subnets);

        // The link vanished.
        inv.BeginResync(log);
        inv.EndResync();
        Assert.Equal("removed 3 va", log.Events[^1]);
        Assert.False(inv.TryGet(3, out _));
    }

    [Fact]
    public void TruncatedOrCorruptInputIsRejectedWithoutThrowing()
    {
        byte[] bytes = Convert.FromHexString(NewLinkVa);
        for (int cut = 0; cut < bytes.Length; cut += 7)
        {
            int offset = 0;
            if (NetlinkParser.TryNext(bytes.AsSpan(0, cut), ref offset, out NetlinkParser.Message m))
            {
                NetlinkParser.TryParseLink(m.Payload, out _);
            }

            NetlinkParser.TryParseLink(bytes.AsSpan(16, Math.Max(0, cut - 16)), out _);
        }

        byte[] bad = Convert.FromHexString(NewAddrV4);
        bad[0] = 0xFF; // nlmsg_len beyond the buffer
        int o = 0;
        Assert.False(NetlinkParser.TryNext(bad, ref o, out _));
        bad = Convert.FromHexString(NewAddrV4);
        bad[24] = 2; // rta_len 2 < 4: the attribute walk stops
        o = 0;
        Assert.True(NetlinkParser.TryNext(bad, ref o, out NetlinkParser.Message m2));
        Assert.False(NetlinkParser.TryParseAddress(m2.Payload, out _));
    }

    [Fact]
    public void DumpAndRuleRequestsHaveTheKernelLayout()
    {
        byte[] buf = new byte[128];
        int len = NetlinkRequest.Dump(buf, Netlink.RTM_GETLINK, 7, 0, 16);
        Assert.Equal("20000000120001030700000000000000" + "00000000000000000000000000000000", Convert.ToHexString(buf, 0, len).ToLowerInvariant());

        // ip mrule add iif eth1 lookup 5 (family RTNL_FAMILY_IPMR): fib_rule_hdr, FRA_IIFNAME "eth1", FRA_TABLE 5.
        len = NetlinkRequest.Rule(buf, Netlink.RTM_NEWRULE, 9, Netlink.RTNL_FAMILY_IPMR, input: true, "eth1", 5, 0);
        Assert.Equal(
            "30000000200005060900000000000000" + "800000000500000100000000" + "0900030065746831000000000800" + "0f0005000000",
            Convert.ToHexString(buf, 0, len).ToLowerInvariant());
    }

    private static NetlinkParser.Message Single(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        int offset = 0;
        Assert.True(NetlinkParser.TryNext(bytes, ref offset, out NetlinkParser.Message m));
        Assert.Equal(bytes.Length, offset);
        return m;
    }

    private static void Apply(InterfaceInventory inv, INetlinkListener? l, params string[] messages)
    {
        foreach (string hex in messages)
        {
            inv.Apply(Single(hex), l);
        }
    }

    private sealed class RecordingListener : INetlinkListener
    {
        public List<string> Events { get; } = new();

        public void LinkChanged(int ifindex, string name, bool up) => Events.Add($"link {ifindex} {name} {(up ? "up" : "down")}");

        public void LinkRemoved(int ifindex, string name) => Events.Add($"removed {ifindex} {name}");

        public void AddressChanged(int ifindex) => Events.Add($"addr {ifindex}");
    }
}
