using System;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Proxying;
using McProxy.Protocol.Wire;

namespace McProxy.Bench;

/// <summary>
/// The daemon's receive path without the kernel, wired as InstanceRuntime wires it:
/// IgmpCodec.ParsePacket → DownstreamInterface (membership table, querier) → ProxyInstance
/// (merge, upstream subscription, route diff) → no-op ports.
/// </summary>
internal sealed class BenchPipeline
{
    private readonly Addr[] _sources = new Addr[4096];
    private readonly DownstreamInterface?[] _downstreams;

    public BenchPipeline(string configText, string fileName)
    {
        ProxyConfig config = ConfigLoader.LoadText(configText, fileName);
        Proxy = new ProxyInstance(config.Instances[0], config.ProxySsdp, Ports, Ports);
        _downstreams = new DownstreamInterface?[Proxy.InterfaceCount];
        for (int id = 0; id < Proxy.InterfaceCount; id++)
        {
            if (Proxy.IsDownstream(id))
            {
                var d = new DownstreamInterface(id, config.Protocol, config.SettingsFor(Proxy.NameOf(id)), Ports, Proxy);
                d.SetOwnAddress(Addr.Parse("10.2.0.1"));
                _downstreams[id] = d;
                Proxy.AttachDownstream(id, d);
                d.Start(0);
            }

            Proxy.OnInterfaceUp(id);
        }
    }

    public NoopPorts Ports { get; } = new();

    public ProxyInstance Proxy { get; }

    public DownstreamInterface Downstream(string name) => _downstreams[Proxy.IdOf(name)]!;

    /// <summary>One IPv4 packet (header included) received on interface <paramref name="id"/>.</summary>
    public DropReason Receive(long now, int id, ReadOnlySpan<byte> packet)
    {
        DropReason reason = IgmpCodec.ParsePacket(packet, out Ipv4HeaderInfo ip, out MembershipMessage msg);
        if (reason != DropReason.None)
        {
            return reason;
        }

        DownstreamInterface? d = _downstreams[id];
        if (d is null)
        {
            return reason;
        }

        switch (msg.Kind)
        {
            case MessageKind.V2Report:
                d.OnV2Report(now, ip.Source, msg.Group);
                break;
            case MessageKind.Leave:
                d.OnLeave(now, ip.Source, msg.Group);
                break;
            case MessageKind.V3Report:
                foreach (GroupRecord record in msg.Records)
                {
                    int count = record.CopySources(_sources);
                    d.OnRecord(now, ip.Source, record.Type, record.Group, _sources.AsSpan(0, count));
                }

                break;
        }

        return reason;
    }
}
