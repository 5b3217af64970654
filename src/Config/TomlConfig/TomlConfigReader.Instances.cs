using System.Collections.Generic;
using McProxy.Config.Draft;
using McProxy.Config.Model;

namespace McProxy.Config.TomlConfig;

/// <summary>[[instance]] with its filters and rule matching.</summary>
internal static partial class TomlConfigReader
{
    private static readonly string[] s_instanceKeys = { "name", "kernel_table", "upstreams", "downstreams", "groups", "proxy_ssdp", "settings", "filter", "rulematching" };
    private static readonly string[] s_filterKeys = { "role", "interface", "direction", "kind", "table", "rules" };
    private static readonly string[] s_matchingKeys = { "in", "out", "in_mutex_time", "out_mutex_time" };

    private static void ReadInstances(TomlSection root, DraftConfig draft, DiagnosticBag diagnostics)
    {
        TomlNode? node = root.Node("instance");
        if (node is null)
        {
            return;
        }

        if (node is not TomlArray array)
        {
            root.Error(node, $"'instance' is {TomlSection.Describe(node)}; expected an array of tables: [[instance]]");
            return;
        }

        int index = 0;
        foreach (TomlNode item in array.Items)
        {
            index++;
            if (item is TomlTable t)
            {
                ReadInstance(t, index, draft, diagnostics);
            }
            else
            {
                root.Error(item, $"instance #{index} is {TomlSection.Describe(item)}; expected a table");
            }
        }
    }

    private static void ReadInstance(TomlTable table, int index, DraftConfig draft, DiagnosticBag diagnostics)
    {
        var s = new TomlSection(table, $"[[instance]] #{index}", diagnostics, s_instanceKeys);
        s.ReportUnknown();
        if (s.String("name") is not var (name, namePos))
        {
            if (s.Node("name") is null)
            {
                s.Missing("name", "name = \"...\"");
            }

            return;
        }

        string where = $"instance '{name}'";
        var instance = new DraftInstance(name, namePos) { DownstreamsPos = s.Pos };
        if (s.Int("kernel_table", 0, int.MaxValue) is Setting<int> kt)
        {
            instance.TableNumber = kt.Value;
            instance.TableNumberPos = kt.Pos;
        }

        instance.Upstreams.AddRange(s.Strings("upstreams") ?? new List<DraftName>());
        if (s.Node("downstreams") is TomlNode downs)
        {
            instance.DownstreamsPos = TomlSection.At(downs);
        }

        instance.Downstreams.AddRange(s.Strings("downstreams") ?? new List<DraftName>());
        if (s.Strings("groups") is List<DraftName> groups)
        {
            instance.GroupsPos = TomlSection.At(s.Node("groups")!);
            instance.Groups = ReadGroupList(groups, diagnostics);
        }

        if (s.Bool("proxy_ssdp") is bool ssdp)
        {
            instance.ProxySsdp = new Setting<bool>(ssdp, TomlSection.At(s.Node("proxy_ssdp")!));
        }
        if (s.Table("settings") is TomlTable settings)
        {
            instance.Settings = ReadSettings(settings, $"the settings of {where}", diagnostics);
        }

        draft.Instances.Add(instance);
        var nameRef = new DraftName(name, namePos);
        ReadFilters(s, nameRef, where, draft, diagnostics);
        if (s.Table("rulematching") is TomlTable rm)
        {
            ReadRuleMatching(new TomlSection(rm, $"the rulematching of {where}", diagnostics, s_matchingKeys), nameRef, draft);
        }
    }

    private static void ReadFilters(TomlSection instance, DraftName name, string where, DraftConfig draft, DiagnosticBag diagnostics)
    {
        TomlNode? node = instance.Node("filter");
        if (node is null)
        {
            return;
        }

        if (node is not TomlArray array)
        {
            instance.Error(node, $"'filter' of {where} is {TomlSection.Describe(node)}; expected an array of tables: [[instance.filter]]");
            return;
        }

        foreach (TomlNode item in array.Items)
        {
            if (item is TomlTable t)
            {
                ReadFilter(new TomlSection(t, $"a filter of {where}", diagnostics, s_filterKeys), name, draft, diagnostics);
            }
            else
            {
                instance.Error(item, $"a filter of {where} is {TomlSection.Describe(item)}; expected a table");
            }
        }
    }

    private static void ReadFilter(TomlSection s, DraftName instance, DraftConfig draft, DiagnosticBag diagnostics)
    {
        s.ReportUnknown();
        InterfaceRole? role = Choice(s, "role", "upstream", InterfaceRole.Upstream, "downstream", InterfaceRole.Downstream);
        FilterDirection? direction = Choice(s, "direction", "in", FilterDirection.In, "out", FilterDirection.Out);
        FilterKind? kind = Choice(s, "kind", "whitelist", FilterKind.Whitelist, "blacklist", FilterKind.Blacklist);
        DraftName? iface = null;
        SourcePos ifPos = s.Pos;
        if (s.String("interface") is var (text, pos))
        {
            ifPos = pos;
            iface = text == "*" ? null : new DraftName(text, pos);
        }

        DraftName? reference = s.String("table") is var (tableName, tablePos) ? new DraftName(tableName, tablePos) : null;
        DraftTable? inline = null;
        if (s.Node("rules") is not null)
        {
            inline = new DraftTable(string.Empty, s.Pos);
            ReadRules(s, inline, "a filter", diagnostics);
        }

        if ((reference is null) == (inline is null))
        {
            diagnostics.Add(s.Pos, "a filter needs exactly one of 'table' (a table name) and 'rules' (inline rules)");
            return;
        }

        if (role is null || direction is null || kind is null)
        {
            return;
        }

        draft.Bindings.Add(new DraftBinding
        {
            Instance = instance,
            Role = role.Value,
            Interface = iface,
            InterfacePos = ifPos,
            Direction = direction.Value,
            Kind = kind.Value,
            TableRef = reference,
            Inline = inline,
        });
    }

    private static void ReadRuleMatching(TomlSection s, DraftName instance, DraftConfig draft)
    {
        s.ReportUnknown();
        RuleMatchingOf(s, instance, draft, "in", FilterDirection.In);
        RuleMatchingOf(s, instance, draft, "out", FilterDirection.Out);
    }

    private static void RuleMatchingOf(TomlSection s, DraftName instance, DraftConfig draft, string key, FilterDirection direction)
    {
        Setting<int>? time = s.Duration(key + "_mutex_time");
        TomlNode? node = s.Node(key);
        RuleMatching? matching = node is null ? null : Choice(s, key, "all", RuleMatching.All, "first", RuleMatching.First, "mutex", RuleMatching.Mutex);
        if (matching is null)
        {
            if (time is not null && node is null)
            {
                s.Error(s.Node(key + "_mutex_time")!, $"'{key}_mutex_time' without {key} = \"mutex\"");
            }

            return;
        }

        if (matching == RuleMatching.Mutex && time is null)
        {
            s.Error(node!, $"{key} = \"mutex\" needs '{key}_mutex_time' (for example \"10s\")");
            return;
        }

        if (matching != RuleMatching.Mutex && time is not null)
        {
            s.Error(s.Node(key + "_mutex_time")!, $"'{key}_mutex_time' is only used with {key} = \"mutex\"");
        }

        draft.RuleMatchings.Add(new DraftRuleMatching
        {
            Instance = instance,
            Role = InterfaceRole.Upstream,
            Direction = direction,
            Matching = matching.Value,
            MutexMs = time?.Value ?? 0,
            Pos = TomlSection.At(node!),
        });
    }

    private static T? Choice<T>(TomlSection s, string key, string a, T va, string b, T vb, string? c = null, T vc = default)
        where T : struct
    {
        if (s.String(key) is not var (text, _))
        {
            if (s.Node(key) is null)
            {
                s.Missing(key, $"\"{a}\" or \"{b}\"{(c is null ? "" : $" or \"{c}\"")}");
            }

            return null;
        }

        string t = text.ToLowerInvariant();
        if (t == a)
        {
            return va;
        }

        if (t == b)
        {
            return vb;
        }

        if (c is not null && t == c)
        {
            return vc;
        }

        s.Error(s.Node(key)!, $"'{key}' = \"{text}\"; expected \"{a}\" or \"{b}\"{(c is null ? "" : $" or \"{c}\"")}");
        return null;
    }
}
