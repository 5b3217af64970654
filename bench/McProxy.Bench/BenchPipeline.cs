using System;
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
