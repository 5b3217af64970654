using System;
using System.Collections.Generic;
using System.Linq;
using McProxy.Config.Model;
using McProxy.Protocol;

namespace McProxy.Tests.Proxying;

/// <summary>Records every subscription the proxy applies.</summary>
internal sealed class RecordingUpstream : IUpstreamPort
{
    public List<(int Id, Addr Group, FilterMode Mode, Addr[] Sources)> Calls { get; } = new();

    /// <summary>While true, every call is recorded and then refused (the kernel said no).</summary>
    public bool Refuse { get; set; }

    public bool SetMembership(int interfaceId, Addr group, FilterMode mode, ReadOnlySpan<Addr> sources)
    {
        Calls.Add((interfaceId, group, mode, sources.ToArray()));
        return !Refuse;
    }

    /// <summary>The last subscription sent for (id, group) as "IN{..}"/"EX{..}", "IN{}" if none.</summary>
    public string Last(int id, Addr group)
    {
        for (int i = Calls.Count - 1; i >= 0; i--)
        {
            if (Calls[i].Id == id && Calls[i].Group == group)
            {
                return ProxyTestHelpers.Format(Calls[i].Mode, Calls[i].Sources);
            }
        }

        return "IN{}";
    }

    public int CountFor(int id, Addr group) => Calls.Count(c => c.Id == id && c.Group == group);
}

/// <summary>
/// A fake of the kernel's forwarding cache that behaves like Linux (net/ipv4/ipmr.c,
/// net/ipv6/ip6mr.c): one entry per (S,G); setting an existing (S,G) replaces its input and
/// outputs and keeps its counters; deleting ignores the input; every packet that matches
/// (S,G) counts in <c>packets</c>, and one that arrived on another interface than the input
/// also counts in <c>wrong_if</c> and is dropped. Records every call.
/// </summary>
internal sealed class RecordingRoutes : IRoutePort
{
    private readonly Dictionary<(Addr S, Addr G), Mfc> _mfc = new();

    public List<string> Calls { get; } = new();

    /// <summary>The installed entries as (S,G,input) → outputs (a snapshot).</summary>
    public Dictionary<(Addr S, Addr G, int In), uint> Installed =>
        _mfc.ToDictionary(kv => (kv.Key.S, kv.Key.G, kv.Value.Input), kv => kv.Value.Mask);

    public int Count => _mfc.Count;

    public void SetRoute(Addr source, Addr group, int inputId, uint outputMask)
    {
        Calls.Add($"set {source} {group} {inputId} 0x{outputMask:x}");
        if (_mfc.TryGetValue((source, group), out Mfc? e))
        {
            e.Input = inputId;
            e.Mask = outputMask;
        }
        else
        {
            _mfc[(source, group)] = new Mfc { Input = inputId, Mask = outputMask };
        }
    }

    public void RemoveRoute(Addr source, Addr group, int inputId)
    {
        Calls.Add($"del {source} {group} {inputId}");
        _mfc.Remove((source, group));
    }

    public bool TryGetCounters(Addr source, Addr group, out ulong packets, out ulong wrongInterface)
    {
        if (!_mfc.TryGetValue((source, group), out Mfc? e))
        {
            packets = 0;
            wrongInterface = 0;
            return false;
        }

        packets = e.Packets;
        wrongInterface = e.WrongIf;
        return true;
    }

    /// <summary>The outputs of (S,G) if its input is <paramref name="input"/>; throws otherwise (as a missing key would).</summary>
    public uint MaskOf(Addr s, Addr g, int input) =>
        _mfc.TryGetValue((s, g), out Mfc? e) && e.Input == input ? e.Mask : throw new KeyNotFoundException($"no route ({s}, {g}) from {input}");

    /// <summary>The input of (S,G), or -1.</summary>
    public int InputOf(Addr s, Addr g) => _mfc.TryGetValue((s, g), out Mfc? e) ? e.Input : -1;

    /// <summary>
    /// <paramref name="n"/> packets of (S,G) arrive on <paramref name="input"/>. True if the entry
    /// forwarded them; false if there is no entry (the kernel would raise NOCACHE) or they came
    /// on the wrong interface (counted in wrong_if and dropped).
    /// </summary>
    public bool AddPackets(Addr s, Addr g, int input, ulong n)
    {
        if (!_mfc.TryGetValue((s, g), out Mfc? e))
        {
            return false;
        }

        e.Packets += n;
        if (e.Input != input)
        {
            e.WrongIf += n;
            return false;
        }

        return true;
    }

    private sealed class Mfc
    {
        public int Input;
        public uint Mask;
        public ulong Packets;
        public ulong WrongIf;
    }
}

/// <summary>A downstream membership table reduced to what the proxy reads.</summary>
internal sealed class FakeView : IMembershipView
{
    private readonly Dictionary<Addr, (FilterMode Mode, Addr[] Sources)> _groups = new();

    public void Set(Addr group, FilterMode mode, params Addr[] sources) => _groups[group] = (mode, sources);

    public void Remove(Addr group) => _groups.Remove(group);

    public bool TryGetGroup(Addr group, out FilterMode mode, out ReadOnlySpan<Addr> sources)
    {
        if (_groups.TryGetValue(group, out var g))
        {
            mode = g.Mode;
            sources = g.Sources;
            return true;
        }

        mode = FilterMode.Include;
        sources = default;
        return false;
    }

    // RFC 3376 §6.3: INCLUDE → listed sources, EXCLUDE → all but the listed ones.
    public bool WantsSource(Addr group, Addr source) =>
        _groups.TryGetValue(group, out var g) && (Array.IndexOf(g.Sources, source) >= 0) == (g.Mode == FilterMode.Include);
}

internal static class ProxyTestHelpers
{
    public static Addr A(string s) => Addr.Parse(s);

    public static Addr[] As(string list) =>
        list.Length == 0 ? Array.Empty<Addr>() : list.Split(',').Select(x => Addr.Parse(x.Trim())).ToArray();

    public static FilterMode Mode(string m) => m == "IN" ? FilterMode.Include : FilterMode.Exclude;

    public static string Format(FilterMode mode, ReadOnlySpan<Addr> sources) =>
        (mode == FilterMode.Include ? "IN{" : "EX{") + string.Join(",", sources.ToArray()) + "}";

    /// <summary>"*", "a.b.c.d", "a.b.c.d/n", "a-b" (IPv4 or IPv6).</summary>
    public static AddrRange Range(string text)
    {
        if (text == "*")
        {
            return AddrRange.All(IpFamily.V4);
        }

        if (text == "::*")
        {
            return AddrRange.All(IpFamily.V6);
        }

        int dash = text.IndexOf('-');
        if (dash > 0)
        {
            return new AddrRange(A(text[..dash]), A(text[(dash + 1)..]));
        }

        int slash = text.IndexOf('/');
        if (slash < 0)
        {
            return AddrRange.Single(A(text));
        }

        Addr a = A(text[..slash]);
        int prefix = int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (a.IsV4)
        {
            uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
            return new AddrRange(Addr.FromV4(a.V4 & mask), Addr.FromV4(a.V4 | ~mask));
        }

        int bits = 128 - prefix;
        ulong loMask = bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong hiMask = bits > 64 ? (bits >= 128 ? ulong.MaxValue : (1UL << (bits - 64)) - 1) : 0;
        return new AddrRange(new Addr(a.Hi & ~hiMask, a.Lo & ~loMask), new Addr(a.Hi | hiMask, a.Lo | loMask));
    }

    public static Rule Rule(string group, string source, string? iface = null) => new(iface, Range(group), Range(source));

    public static FilterBinding Filter(InterfaceRole role, string? iface, FilterDirection dir, FilterKind kind, params Rule[] rules) =>
        new(role, iface, dir, kind, new RuleTable("", new EquatableArray<Rule>(rules)));

    public static InstanceConfig Instance(
        string[] upstreams,
        string[] downstreams,
        FilterBinding[]? filters = null,
        RuleMatchingBinding[]? matchings = null) =>
        new("p",
            null,
            new EquatableArray<string>(upstreams),
            new EquatableArray<string>(downstreams),
            new EquatableArray<FilterBinding>(filters ?? Array.Empty<FilterBinding>()),
            new EquatableArray<RuleMatchingBinding>(matchings ?? Array.Empty<RuleMatchingBinding>()));

    public static RuleMatchingBinding InMatching(RuleMatching m, int ms = 0) => new(FilterDirection.In, m, ms);

    public static RuleMatchingBinding OutMatching(RuleMatching m) => new(FilterDirection.Out, m, 0);
}
