using System;
using System.Collections.Generic;
using McProxy.Config.Draft;
using McProxy.Config.Model;

namespace McProxy.Config;

/// <summary>
/// Querier settings: three levels (global, instance, interface), the most specific wins per
/// key; unset derived values follow the RFC 3376 §8 / RFC 3810 §9 rules (startup query
/// interval = QI/4, startup and last member query counts = robustness).
/// </summary>
internal sealed partial class ConfigValidator
{
    private InterfaceSettings ResolveDefaults()
    {
        if (_draft.Defaults is DraftSettings d)
        {
            CheckRanges(d);
            CheckCross(Resolve(d), d);
        }

        return Resolve(_draft.Defaults);
    }

    private InterfaceOverride[] BuildOverrides(List<DraftInstance> instances, InterfaceSettings defaults)
    {
        var perInterface = new Dictionary<string, DraftSettings>(StringComparer.Ordinal);
        foreach (KeyValuePair<DraftName, DraftSettings> kv in _draft.InterfaceSettings)
        {
            CheckRanges(kv.Value);
            if (!perInterface.TryAdd(kv.Key.Name, kv.Value))
            {
                Error(kv.Key.Pos, $"settings for interface '{kv.Key.Name}' given twice");
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<InterfaceOverride>();
        foreach (DraftInstance inst in instances)
        {
            if (inst.Settings is DraftSettings s)
            {
                CheckRanges(s);
                CheckCross(Resolve(_draft.Defaults, s), s);
            }

            AddOverrides(inst, inst.Upstreams, perInterface, used, defaults, result);
            AddOverrides(inst, inst.Downstreams, perInterface, used, defaults, result);
        }

        foreach (KeyValuePair<DraftName, DraftSettings> kv in _draft.InterfaceSettings)
        {
            if (!used.Contains(kv.Key.Name))
            {
                Error(kv.Key.Pos, $"settings for interface '{kv.Key.Name}', which no instance uses; expected an upstream or downstream interface");
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Interface, b.Interface));
        return result.ToArray();
    }

    private void AddOverrides(
        DraftInstance inst,
        List<DraftName> names,
        Dictionary<string, DraftSettings> perInterface,
        HashSet<string> used,
        InterfaceSettings defaults,
        List<InterfaceOverride> result)
    {
        foreach (DraftName n in names)
        {
            if (!used.Add(n.Name))
            {
                continue;
            }

            perInterface.TryGetValue(n.Name, out DraftSettings? own);
            if (own is not null)
            {
                CheckCross(Resolve(_draft.Defaults, inst.Settings, own), own);
            }

            InterfaceSettings settings = Resolve(_draft.Defaults, inst.Settings, own);
            if (settings != defaults)
            {
                result.Add(new InterfaceOverride(n.Name, settings));
            }
        }
    }

    private static InterfaceSettings Resolve(params DraftSettings?[] levels)
    {
        InterfaceSettings d = InterfaceSettings.Default;
        int robustness = Pick(levels, static s => s.Robustness) ?? d.Robustness;
        int qi = Pick(levels, static s => s.QueryIntervalMs) ?? d.QueryIntervalMs;
        var settings = new InterfaceSettings(
            robustness,
            qi,
            Pick(levels, static s => s.QueryResponseIntervalMs) ?? d.QueryResponseIntervalMs,
            Pick(levels, static s => s.StartupQueryIntervalMs) ?? qi / 4,
            Pick(levels, static s => s.StartupQueryCount) ?? robustness,
            Pick(levels, static s => s.LastMemberQueryIntervalMs) ?? d.LastMemberQueryIntervalMs,
            Pick(levels, static s => s.LastMemberQueryCount) ?? robustness,
            Pick(levels, static s => s.QueryVersion) ?? d.QueryVersion,
            Pick(levels, static s => s.FastLeave) ?? d.FastLeave,
            Pick(levels, static s => s.MaxGroups) ?? d.MaxGroups,
            Pick(levels, static s => s.MaxSourcesPerGroup) ?? d.MaxSourcesPerGroup,
            Pick(levels, static s => s.MaxHostsPerGroup) ?? d.MaxHostsPerGroup)
        {
            SsmRanges = Pick(levels, static s => s.SsmRanges) ?? d.SsmRanges,
            HostSharePercent = Pick(levels, static s => s.HostSharePercent) ?? d.HostSharePercent,
            ForwardOnlyAsQuerier = Pick(levels, static s => s.ForwardOnlyAsQuerier) ?? d.ForwardOnlyAsQuerier,
            LocalListeners = Pick(levels, static s => s.LocalListeners) ?? d.LocalListeners,
        };
        return settings;
    }

    /// <summary>The most specific level's value (later levels are more specific).</summary>
    private static T? Pick<T>(DraftSettings?[] levels, Func<DraftSettings, Setting<T>?> get)
        where T : struct
    {
        for (int i = levels.Length - 1; i >= 0; i--)
        {
            if (levels[i] is DraftSettings s && get(s) is Setting<T> v)
            {
                return v.Value;
            }
        }

        return null;
    }

    /// <summary>Per-key limits; each written value is checked once, where it is written.</summary>
    private void CheckRanges(DraftSettings s)
    {
        int maxResponse = MaxResponseMs();
        Range(s.Robustness, 1, 7, "robustness", "", "the QRV field has 3 bits and 0 is not allowed (RFC 3376 §4.1.6)");
        Range(s.QueryIntervalMs, 1_000, 31_744_000, "query_interval", " ms", "QQIC can carry up to 31744 s (RFC 3376 §4.1.7)");
        Range(s.QueryResponseIntervalMs, 100, maxResponse, "query_response_interval", " ms", $"the Max Resp Code of {_protocol.Name()} can carry up to {maxResponse} ms");
        Range(s.StartupQueryIntervalMs, 100, 31_744_000, "startup_query_interval", " ms", "");
        Range(s.StartupQueryCount, 1, 255, "startup_query_count", "", "");
        Range(s.LastMemberQueryIntervalMs, 100, maxResponse, "last_member_query_interval", " ms", $"it is sent as the Max Resp Code of {_protocol.Name()} (up to {maxResponse} ms)");
        Range(s.LastMemberQueryCount, 1, 255, "last_member_query_count", "", "");
        Range(s.MaxGroups, 1, 1_000_000, "max_groups", "", "");
        Range(s.MaxSourcesPerGroup, 1, 1_000_000, "max_sources_per_group", "", "");
        Range(s.MaxHostsPerGroup, 1, 1_000_000, "max_hosts_per_group", "", "");
        Range(s.HostSharePercent, 1, 100, "host_share", " %", "the share of max_groups and max_sources_per_group one host may hold; 100 = no per-host limit");
        CheckSsmRanges(s);
        if (s.QueryVersion is Setting<ProtocolVersion> v && v.Value.Family() != _family)
        {
            Error(v.Pos, $"query_version {v.Value.Name()} does not fit protocol {_protocol.Name()}; expected {(_family == IpFamily.V4 ? "IGMPv1, IGMPv2 or IGMPv3" : "MLDv1 or MLDv2")}");
        }
        else if (s.QueryVersion is Setting<ProtocolVersion> w && w.Value.Number() > _protocol.Number())
        {
            Error(w.Pos, $"query_version {w.Value.Name()} is newer than protocol {_protocol.Name()}; expected {_protocol.Name()} or older");
        }
    }

    /// <summary>ssm_ranges: group ranges of the configuration's family (RFC 4604 §2.2), checked like rule groups.</summary>
    private void CheckSsmRanges(DraftSettings s)
    {
        if (s.SsmRangesWritten is not List<DraftRange> written || s.SsmRanges is not null)
        {
            return;
        }

        var ranges = new List<AddrRange>();
        foreach (DraftRange r in written)
        {
            if (ToRange(r, isGroup: true) is AddrRange range)
            {
                ranges.Add(range);
            }
        }

        s.SsmRanges = new Setting<EquatableArray<AddrRange>>(new EquatableArray<AddrRange>(ranges.ToArray()), s.SsmRangesPos);
    }

    /// <summary>Largest Max Resp time the configured version can encode.</summary>
    private int MaxResponseMs() => MaxResponseMs(_protocol);

    /// <summary>Largest Max Resp time queries of <paramref name="version"/> can encode.</summary>
    private static int MaxResponseMs(ProtocolVersion version) => version switch
    {
        ProtocolVersion.IGMPv1 or ProtocolVersion.IGMPv2 => 25_500,
        ProtocolVersion.IGMPv3 => 3_174_400,
        ProtocolVersion.MLDv1 => 65_535,
        _ => 8_387_584,
    };

    private void Range(Setting<int>? setting, int min, int max, string key, string unit, string why)
    {
        if (setting is Setting<int> s && (s.Value < min || s.Value > max))
        {
            Error(s.Pos, $"{key} {s.Value}{unit} is out of range; expected {min}{unit} to {max}{unit}{(why.Length > 0 ? " (" + why + ")" : "")}");
        }
    }

    /// <summary>
    /// Rules between keys, checked at a level only if it sets one of them (so one mistake is
    /// reported once): the query response interval must be shorter than the query interval
    /// (RFC 3376 §8.3, RFC 3810 §9.3), and both Max Resp values must fit the queries actually
    /// sent (an older query_version carries less than the protocol's field).
    /// </summary>
    private void CheckCross(InterfaceSettings resolved, DraftSettings level)
    {
        CheckEffectiveMaxResponse(resolved, level);
        if (level.QueryIntervalMs is null && level.QueryResponseIntervalMs is null)
        {
            return;
        }

        if (resolved.QueryResponseIntervalMs >= resolved.QueryIntervalMs)
        {
            SourcePos at = level.QueryResponseIntervalMs?.Pos ?? level.QueryIntervalMs?.Pos ?? level.Pos;
            Error(at, $"query_response_interval {resolved.QueryResponseIntervalMs} ms is not shorter than query_interval {resolved.QueryIntervalMs} ms; expected QRI < QI (RFC 3376 §8.3)");
        }
    }

    /// <summary>
    /// The query response interval and the last member query interval are sent as the Max
    /// Resp Code of the query version in effect (query_version, else protocol). Values beyond
    /// the protocol's own field are already reported where written (<see cref="CheckRanges"/>),
    /// so only an older query_version is checked here.
    /// </summary>
    private void CheckEffectiveMaxResponse(InterfaceSettings resolved, DraftSettings level)
    {
        if (resolved.QueryVersion is not ProtocolVersion version || version == _protocol || version.Family() != _family)
        {
            return;
        }

        int max = MaxResponseMs(version);
        CheckEffective(level.QueryResponseIntervalMs, resolved.QueryResponseIntervalMs, "query_response_interval");
        CheckEffective(level.LastMemberQueryIntervalMs, resolved.LastMemberQueryIntervalMs, "last_member_query_interval");

        void CheckEffective(Setting<int>? written, int value, string key)
        {
            if (value <= max || value > MaxResponseMs() || (written is null && level.QueryVersion is null))
            {
                return;
            }

            SourcePos at = written?.Pos ?? level.QueryVersion!.Value.Pos;
            Error(at, $"{key} {value} ms is out of range for query_version {version.Name()}; expected 100 ms to {max} ms (the Max Resp Code of {version.Name()} can carry up to {max} ms)");
        }
    }
}
