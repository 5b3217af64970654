using System.Collections.Generic;
using System.Text;
using McProxy.Config.Model;

namespace McProxy.Config;

/// <summary>
/// The part of a model that 1.x syntax cannot express, written as "# " lines in the TOML
/// spelling, so "mcproxy -t" shows it and a user can move it into a TOML file.
/// </summary>
internal static class SettingsComments
{
    public static void Append(StringBuilder sb, ProxyConfig config)
    {
        List<string> global = Differences(config.Defaults, InterfaceSettings.Default);
        if (global.Count == 0 && config.InterfaceOverrides.Count == 0 && !config.ProxySsdp && config.User is null)
        {
            return;
        }

        sb.Append("\n# Not expressible in 1.x syntax (TOML only); in effect:\n");
        if (config.ProxySsdp)
        {
            sb.Append("# proxy_ssdp = true\n");
        }

        if (config.User is not null)
        {
            sb.Append("# user = \"").Append(config.User).Append("\"\n");
        }

        if (global.Count > 0)
        {
            sb.Append("# [settings] ").Append(string.Join(", ", global)).Append('\n');
        }

        foreach (InterfaceOverride o in config.InterfaceOverrides)
        {
            List<string> diff = Differences(o.Settings, config.Defaults);
            sb.Append("# [interface.\"").Append(o.Interface).Append("\"] ").Append(string.Join(", ", diff)).Append('\n');
        }
    }

    /// <summary>"key = value" for every setting of <paramref name="s"/> that differs from <paramref name="baseline"/>.</summary>
    public static List<string> Differences(InterfaceSettings s, InterfaceSettings baseline)
    {
        var list = new List<string>();
        Int(list, "robustness", s.Robustness, baseline.Robustness);
        Duration(list, "query_interval", s.QueryIntervalMs, baseline.QueryIntervalMs);
        Duration(list, "query_response_interval", s.QueryResponseIntervalMs, baseline.QueryResponseIntervalMs);
        Duration(list, "startup_query_interval", s.StartupQueryIntervalMs, baseline.StartupQueryIntervalMs);
        Int(list, "startup_query_count", s.StartupQueryCount, baseline.StartupQueryCount);
        Duration(list, "last_member_query_interval", s.LastMemberQueryIntervalMs, baseline.LastMemberQueryIntervalMs);
        Int(list, "last_member_query_count", s.LastMemberQueryCount, baseline.LastMemberQueryCount);
        if (s.QueryVersion != baseline.QueryVersion)
        {
            list.Add($"query_version = \"{(s.QueryVersion is ProtocolVersion v ? v.Name() : "auto")}\"");
        }

        if (s.FastLeave != baseline.FastLeave)
        {
            list.Add($"fast_leave = {(s.FastLeave ? "true" : "false")}");
        }

        Int(list, "max_groups", s.MaxGroups, baseline.MaxGroups);
        Int(list, "max_sources_per_group", s.MaxSourcesPerGroup, baseline.MaxSourcesPerGroup);
        Int(list, "max_hosts_per_group", s.MaxHostsPerGroup, baseline.MaxHostsPerGroup);
        Int(list, "host_share", s.HostSharePercent, baseline.HostSharePercent);
        if (s.ForwardOnlyAsQuerier != baseline.ForwardOnlyAsQuerier)
        {
            list.Add($"forward_only_as_querier = {(s.ForwardOnlyAsQuerier ? "true" : "false")}");
        }

        if (s.LocalListeners != baseline.LocalListeners)
        {
            list.Add($"local_listeners = {(s.LocalListeners ? "true" : "false")}");
        }
        if (s.SsmRanges != baseline.SsmRanges)
        {
            list.Add($"ssm_ranges = {SsmRanges(s.SsmRanges)}");
        }

        return list;
    }

    /// <summary>["232.0.0.0/8", ...] as TOML; the default (null) as the IANA ranges it stands for.</summary>
    private static string SsmRanges(EquatableArray<AddrRange>? ranges)
    {
        if (ranges is not EquatableArray<AddrRange> list)
        {
            return "[\"232.0.0.0/8\", \"ff3x::/32\"] (default)";
        }

        var sb = new StringBuilder("[");
        foreach (AddrRange r in list.AsSpan())
        {
            sb.Append(sb.Length > 1 ? ", \"" : "\"");
            CanonicalWriter.AppendRange(sb, r, r.Low.Family);
            sb.Append('"');
        }

        return sb.Append(']').ToString();
    }

    /// <summary>"125s" for whole seconds, else "1500ms".</summary>
    public static string FormatDuration(int ms) => ms % 1000 == 0 ? $"{ms / 1000}s" : $"{ms}ms";

    private static void Int(List<string> list, string key, int value, int baseline)
    {
        if (value != baseline)
        {
            list.Add($"{key} = {value}");
        }
    }

    private static void Duration(List<string> list, string key, int value, int baseline)
    {
        if (value != baseline)
        {
            list.Add($"{key} = \"{FormatDuration(value)}\"");
        }
    }
}
