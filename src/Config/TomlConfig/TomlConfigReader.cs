using System.Collections.Generic;
using McProxy.Config.Draft;
using McProxy.Config.Model;

namespace McProxy.Config.TomlConfig;

/// <summary>
/// Maps a TOML document (docs/configuration.md, "TOML") to a <see cref="DraftConfig"/>.
/// Unknown keys and wrong types are reported with their place; the validator does the rest.
/// </summary>
internal static partial class TomlConfigReader
{
    private static readonly string[] s_rootKeys = { "protocol", "disable", "proxy_ssdp", "user", "settings", "table", "instance", "interface" };

    public static DraftConfig Read(string text, DiagnosticBag diagnostics)
    {
        TomlTable? root = TomlText.Parse(text, diagnostics);
        return root is null ? new DraftConfig(diagnostics.File) : Read(root, diagnostics);
    }

    public static DraftConfig Read(TomlTable root, DiagnosticBag diagnostics)
    {
        var draft = new DraftConfig(diagnostics.File);
        var section = new TomlSection(root, "the top level", diagnostics, s_rootKeys);
        section.ReportUnknown();
        ReadProtocol(section, draft);
        draft.Disabled = section.Bool("disable") ?? false;
        draft.ProxySsdp = section.Bool("proxy_ssdp") ?? false;
        draft.User = section.String("user")?.Value;
        if (section.Table("settings") is TomlTable settings)
        {
            draft.Defaults = ReadSettings(settings, "[settings]", diagnostics);
        }

        ReadTables(section, draft, diagnostics);
        ReadInstances(section, draft, diagnostics);
        ReadInterfaces(section, draft, diagnostics);
        return draft;
    }

    private static void ReadProtocol(TomlSection section, DraftConfig draft)
    {
        if (section.String("protocol") is not var (text, pos))
        {
            if (section.Node("protocol") is null)
            {
                section.Missing("protocol", $"protocol = \"{ProtocolNames.Expected}\"");
            }

            return;
        }

        if (ProtocolNames.TryParse(text, out ProtocolVersion version))
        {
            draft.Protocol = version;
            draft.ProtocolPos = pos;
        }
        else
        {
            section.Error(section.Node("protocol")!, $"unknown protocol '{text}'; expected {ProtocolNames.Expected}");
        }
    }

    private static void ReadTables(TomlSection root, DraftConfig draft, DiagnosticBag diagnostics)
    {
        if (root.Table("table") is not TomlTable tables)
        {
            return;
        }

        foreach (KeyValuePair<string, TomlNode> kv in tables.Entries)
        {
            string where = $"[table.{kv.Key}]";
            if (kv.Value is not TomlTable t)
            {
                diagnostics.Add(TomlSection.At(kv.Value), $"{where} is {TomlSection.Describe(kv.Value)}; expected a table with 'rules'");
                continue;
            }

            var section = new TomlSection(t, where, diagnostics, "rules");
            section.ReportUnknown();
            var table = new DraftTable(kv.Key, section.Pos);
            ReadRules(section, table, where, diagnostics);
            draft.Tables.Add(table);
        }
    }

    private static void ReadInterfaces(TomlSection root, DraftConfig draft, DiagnosticBag diagnostics)
    {
        if (root.Table("interface") is not TomlTable interfaces)
        {
            return;
        }

        foreach (KeyValuePair<string, TomlNode> kv in interfaces.Entries)
        {
            string where = $"[interface.\"{kv.Key}\"]";
            if (kv.Value is not TomlTable t)
            {
                diagnostics.Add(TomlSection.At(kv.Value), $"{where} is {TomlSection.Describe(kv.Value)}; expected a table of settings");
                continue;
            }

            var name = new DraftName(kv.Key, TomlSection.At(t));
            draft.InterfaceSettings.Add(new KeyValuePair<DraftName, DraftSettings>(name, ReadSettings(t, where, diagnostics)));
        }
    }

    /// <summary>The querier settings keys (same at every level).</summary>
    public static readonly string[] SettingsKeys =
    {
        "robustness", "query_interval", "query_response_interval", "startup_query_interval", "startup_query_count",
        "last_member_query_interval", "last_member_query_count", "query_version", "fast_leave", "max_groups",
        "max_sources_per_group", "max_hosts_per_group", "ssm_ranges", "host_share", "forward_only_as_querier",
        "local_listeners",
    };

    private static DraftSettings ReadSettings(TomlTable table, string where, DiagnosticBag diagnostics)
    {
        var s = new TomlSection(table, where, diagnostics, SettingsKeys);
        s.ReportUnknown();
        var result = new DraftSettings
        {
            Pos = s.Pos,
            Robustness = s.Int("robustness"),
            QueryIntervalMs = s.Duration("query_interval"),
            QueryResponseIntervalMs = s.Duration("query_response_interval"),
            StartupQueryIntervalMs = s.Duration("startup_query_interval"),
            StartupQueryCount = s.Int("startup_query_count"),
            LastMemberQueryIntervalMs = s.Duration("last_member_query_interval"),
            LastMemberQueryCount = s.Int("last_member_query_count"),
            MaxGroups = s.Int("max_groups"),
            MaxSourcesPerGroup = s.Int("max_sources_per_group"),
            MaxHostsPerGroup = s.Int("max_hosts_per_group"),
            HostSharePercent = s.Int("host_share"),
        };
        if (s.Bool("fast_leave") is bool fast)
        {
            result.FastLeave = new Setting<bool>(fast, TomlSection.At(s.Node("fast_leave")!));
        }

        if (s.Bool("forward_only_as_querier") is bool querierOnly)
        {
            result.ForwardOnlyAsQuerier = new Setting<bool>(querierOnly, TomlSection.At(s.Node("forward_only_as_querier")!));
        }

        if (s.Bool("local_listeners") is bool local)
        {
            result.LocalListeners = new Setting<bool>(local, TomlSection.At(s.Node("local_listeners")!));
        }

        ReadSsmRanges(s, result, diagnostics);
        if (s.String("query_version") is var (text, pos))
        {
            if (ProtocolNames.TryParse(text, out ProtocolVersion v))
            {
                result.QueryVersion = new Setting<ProtocolVersion>(v, pos);
            }
            else
            {
                diagnostics.Add(pos, $"unknown query_version '{text}' in {where}; expected {ProtocolNames.Expected}");
            }
        }

        return result;
    }

    /// <summary>ssm_ranges = ["232.0.0.0/8", ...]: group ranges in the rule part syntax; [] = none.</summary>
    private static void ReadSsmRanges(TomlSection s, DraftSettings result, DiagnosticBag diagnostics)
    {
        if (s.Strings("ssm_ranges") is not List<DraftName> items)
        {
            return;
        }

        result.SsmRangesPos = TomlSection.At(s.Node("ssm_ranges")!);
        result.SsmRangesWritten = new List<DraftRange>();
        foreach (DraftName item in items)
        {
            if (ParseRange(item.Name, item.Pos, out DraftRange? range) is string error)
            {
                diagnostics.Add(item.Pos, $"ssm_ranges \"{item.Name}\": {error}");
            }
            else if (range is not null)
            {
                result.SsmRangesWritten.Add(range);
            }
        }
    }
}
