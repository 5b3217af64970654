using System;
using System.Buffers.Binary;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Instance;
using McProxy.Protocol.Wire;

namespace McProxy.Bench;

/// <summary>
/// The daemon's receive path without the kernel: IgmpCodec.ParsePacket (as the routing socket
/// decodes) → the <see cref="InstanceCore"/> the daemon runs (downstream querier and membership
/// table, RFC 4605 merge, upstream subscription and route diff) → ports that only count.
/// Every interface is attached, as ifindex id + 1.
/// </summary>
internal sealed class BenchPipeline
{
    public BenchPipeline(string configText, string fileName)
    {
        ProxyConfig config = ConfigLoader.LoadText(configText, fileName);
        Core = new InstanceCore(config.Instances[0], config, Ports);
        for (int id = 0; id < Core.InterfaceCount; id++)
        {
            Core.Attach(id, id + 1, Addr.Parse("10.2.0.1"), Addr.None, 0);
        }
    }

    public NoopPorts Ports { get; } = new();

    public InstanceCore Core { get; }

    public int IdOf(string name) => Core.Proxy.IdOf(name);

    public DownstreamInterface Downstream(string name) => Core.DownstreamOf(IdOf(name))!;

    /// <summary>
    /// The 24-byte IPv4 header (RFC 791, Router Alert option RFC 2113, TTL 1, to 224.0.0.22) in
    /// front of an IGMP message of <paramref name="igmpLength"/> bytes at offset 24.
    /// </summary>
    public static void WriteIpHeader(Span<byte> packet, Addr reporter, int igmpLength)
    {
        packet[0] = 0x46;
        packet[1] = 0xC0;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)(24 + igmpLength));
        packet[8] = 1;
        packet[9] = 2;
        reporter.WriteTo(packet[12..]);
        Addr.Parse("224.0.0.22").WriteTo(packet[16..]);
        packet[20] = 0x94;
        packet[21] = 4;
    }

    /// <summary>One IPv4 packet (header included) received on interface <paramref name="id"/>.</summary>
    public DropReason Receive(long now, int id, ReadOnlySpan<byte> packet)
    {
        DropReason reason = IgmpCodec.ParsePacket(packet, out Ipv4HeaderInfo ip, out MembershipMessage msg);
        if (reason != DropReason.None)
        {
            Core.OnDropped(id + 1, reason);
            return reason;
        }

        Core.OnMessage(now, id + 1, ip.Source, msg);
        return reason;
    }
}
