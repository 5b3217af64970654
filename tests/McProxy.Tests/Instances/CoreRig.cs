using System;
using System.Collections.Generic;
using System.Linq;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Protocol.Instance;
using McProxy.Protocol.Membership;
using McProxy.Protocol.Wire;
using Xunit;

namespace McProxy.Tests.Instances;

/// <summary>
/// An <see cref="InstanceCore"/> on a recording port, driven as the daemon drives it: interfaces
/// attached and detached by name with an ifindex, messages built with the codecs and parsed
/// back, data upcalls by vif. The port writes each call as a line ("join up0@12 239.1.1.1
/// EX{}", "route (S,G) dn0 -> up0", "query dn0@11 224.0.0.1 from 10.2.0.1 general", with the
/// ifindex the interface is attached as) and fails the test on any call about a detached one.
/// </summary>
internal sealed class CoreRig : IInstancePort
{
    private readonly byte[] _buffer = new byte[1500];

    public CoreRig(string configText, string fileName = "rig.conf")
    {
        Config = ConfigLoader.LoadText(configText, fileName);
        V6 = Config.Protocol.Family() == IpFamily.V6;
        Core = new InstanceCore(Config.Instances[0], Config, this);
    }

    public ProxyConfig Config { get; }

    public bool V6 { get; }

    public InstanceCore Core { get; }

    /// <summary>Every port call, in order.</summary>
    public List<string> Calls { get; } = new();

    /// <summary>The output mask last installed per (S,G,input name).</summary>
    public Dictionary<(Addr S, Addr G, string Input), uint> Routes { get; } = new();

    public int Id(string name) => Core.Proxy.IdOf(name);

    public static Addr A(string text) => Addr.Parse(text);

    /// <summary>The router's own address on interface number <paramref name="ifindex"/>: 10.x.0.1 or fe80::x.</summary>
    public Addr OwnAddress(int ifindex) => V6 ? A($"fe80::{ifindex:x}") : Addr.FromV4(10, (byte)ifindex, 0, 1);

    public void Attach(long now, string name, int ifindex, bool linkLocal = true) =>
        Core.Attach(Id(name), ifindex, V6 ? Addr.None : OwnAddress(ifindex), V6 && linkLocal ? OwnAddress(ifindex) : Addr.None, now);

    public void Detach(long now, string name) => Core.Detach(Id(name), now);

    /// <summary>An IGMPv3 / MLDv2 report with one record from <paramref name="host"/> arriving on <paramref name="name"/>.</summary>
    public void Report(long now, string name, string host, RecordType type, string group, params string[] sources)
    {
        V3ReportWriter w = V6 ? MldCodec.BeginV2Report(_buffer) : IgmpCodec.BeginV3Report(_buffer);
        w.AddRecord(type, A(group), sources.Select(A).ToArray());
        string destination = V6 ? "ff02::16" : "224.0.0.22";
        int n = V6 ? w.Finish(A(host), A(destination)) : w.Finish();
        Deliver(now, name, A(host), _buffer.AsSpan(0, n), destination);
    }

    /// <summary>An IGMPv2 / MLDv1 report for <paramref name="group"/> from <paramref name="host"/> arriving on <paramref name="name"/>.</summary>
    public void OldReport(long now, string name, string host, string group)
    {
        int n = V6 ? MldCodec.BuildV1Report(A(group), A(host), A(group), _buffer) : IgmpCodec.BuildV2Report(A(group), _buffer);
        Deliver(now, name, A(host), _buffer.AsSpan(0, n), group);
    }

    /// <summary>A query from <paramref name="from"/> (general when <paramref name="group"/> is null).</summary>
    public void Query(long now, string name, string from, string? group = null)
    {
        ProtocolVersion v = Config.Protocol;
        Addr g = group is null ? (V6 ? Addr.None : Addr.AnyV4) : A(group);
        var q = new QueryMessage(v, g, 10_000, false, 2, 125, 0);
        Addr dst = group is null ? A(V6 ? "ff02::1" : "224.0.0.1") : g;
        int n = V6 ? MldCodec.BuildQuery(q, default, A(from), dst, _buffer) : IgmpCodec.BuildQuery(q, default, _buffer);
        Deliver(now, name, A(from), _buffer.AsSpan(0, n), dst.ToString());
    }

    public void Data(long now, string source, string group, string input) => Core.OnData(now, Id(input), A(source), A(group));

    /// <summary>Runs what is due at <paramref name="now"/>, as the instance's timer does.</summary>
    public void Tick(long now) => Core.OnTimer(now);

    public string[] CallsSince(int mark) => Calls.Skip(mark).ToArray();

    public string Name(int id) => Core.NameOf(id);

    // IInstancePort
    public void SetMembership(int id, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        int ifindex = RequireAttached(id, $"subscription of {group}");
        Calls.Add($"{(mode == FilterMode.Include && sources.IsEmpty ? "leave" : "join")} {Name(id)}@{ifindex} {group} {Format(mode, sources)}");
    }

    public void SendQuery(int id, Addr source, Addr destination, in QueryMessage query, ReadOnlySpan<Addr> sources)
    {
        int ifindex = RequireAttached(id, "query");
        Calls.Add($"query {Name(id)}@{ifindex} {destination} from {source} {(query.IsGeneral ? "general" : query.Group.ToString())}");
    }

    public void QueryNotSent(int id, in QueryMessage query) => Calls.Add($"unsent query {Name(id)}");

    public void SetRoute(Addr source, Addr group, int inputId, uint outputMask)
    {
        for (int id = 0; id < Core.InterfaceCount; id++)
        {
            Assert.True((outputMask & (1u << id)) == 0 || Core.IsAttached(id), $"route ({source}, {group}) forwards to detached {Name(id)}");
        }

        Routes[(source, group, Name(inputId))] = outputMask;
        Calls.Add($"route ({source}, {group}) {Name(inputId)} -> {MaskNames(outputMask)}");
    }

    public void RemoveRoute(Addr source, Addr group, int inputId)
    {
        Routes.Remove((source, group, Name(inputId)));
        Calls.Add($"unroute ({source}, {group}) {Name(inputId)}");
    }

    public bool TryGetPacketCount(Addr source, Addr group, int inputId, out ulong packets)
    {
        packets = 0;
        return Routes.ContainsKey((source, group, Name(inputId)));
    }

    public void OnLimitRefused(int interfaceId, MembershipLimit limit, Addr group, Addr reporter) =>
        Calls.Add($"refused {Name(interfaceId)} {limit} {group}");

    public void OnOlderQuerier(int interfaceId, Addr querier, ProtocolVersion heard, ProtocolVersion ours, long suppressed) =>
        Calls.Add($"older querier {Name(interfaceId)} {querier} {heard.Name()}");

    public void OnSsmIgnored(int interfaceId, Addr group, Addr reporter) => Calls.Add($"ssm ignored {Name(interfaceId)} {group}");

    public void OnForgedLeave(int interfaceId, Addr group, Addr host, long suspendedMs) => Calls.Add($"forged leave {Name(interfaceId)} {group} {host}");

    public void OnForeignQuerier(int interfaceId, Addr querier) => Calls.Add($"foreign querier {Name(interfaceId)} {querier}");

    public string MaskNames(uint mask) =>
        mask == 0 ? "none" : string.Join(" ", Enumerable.Range(0, Core.InterfaceCount).Where(i => (mask & (1u << i)) != 0).Select(Name));

    private void Deliver(long now, string name, Addr from, ReadOnlySpan<byte> message, string destination)
    {
        var meta = new ReceiveMeta(from, A(destination), 1, true, ChecksumVerified: true);
        DropReason reason = V6 ? MldCodec.Parse(message, meta, out MembershipMessage msg) : IgmpCodec.Parse(message, meta, out msg);
        Assert.Equal(DropReason.None, reason);
        Core.OnMessage(now, Core.IfIndexOf(Id(name)), from, msg);
    }

    private int RequireAttached(int id, string what)
    {
        Assert.True(Core.IsAttached(id), $"{what} on detached {Name(id)}");
        return Core.IfIndexOf(id);
    }

    private static string Format(FilterMode mode, ReadOnlySpan<Addr> sources) =>
        (mode == FilterMode.Include ? "IN{" : "EX{") + string.Join(",", sources.ToArray().Select(s => s.ToString())) + "}";
}
