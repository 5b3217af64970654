using System;
using System.Collections.Generic;
using System.Globalization;
using McProxy.Config.Draft;
using McProxy.Protocol;

namespace McProxy.Config.TomlConfig;

/// <summary>Rules: { group = "...", source = "...", interface = "..." } or { table = "name" }.</summary>
internal static partial class TomlConfigReader
{
    private static readonly string[] s_ruleKeys = { "group", "source", "interface", "table" };

    private static void ReadRules(TomlSection owner, DraftTable table, string where, DiagnosticBag diagnostics)
    {
        TomlNode? node = owner.Node("rules");
        if (node is null)
        {
            owner.Missing("rules", "rules = [ { group = \"...\", source = \"...\" }, ... ]");
            return;
        }

        if (node is not TomlArray array)
        {
            owner.Error(node, $"'rules' of {where} is {TomlSection.Describe(node)}; expected an array of rule tables");
            return;
        }

        foreach (TomlNode item in array.Items)
        {
            if (item is TomlTable t)
            {
                ReadRule(new TomlSection(t, $"a rule of {where}", diagnostics, s_ruleKeys), table, diagnostics);
            }
            else
            {
                owner.Error(item, $"a rule of {where} is {TomlSection.Describe(item)}; expected a table such as {{ group = \"239.0.0.0/8\", source = \"*\" }}");
            }
        }
    }

    private static void ReadRule(TomlSection s, DraftTable table, DiagnosticBag diagnostics)
    {
        s.ReportUnknown();
        if (s.String("table") is var (name, pos))
        {
            if (s.Node("group") is not null || s.Node("source") is not null || s.Node("interface") is not null)
            {
                diagnostics.Add(s.Pos, "a rule with 'table' includes that table; expected no 'group', 'source' or 'interface' beside it");
            }

            table.Items.Add(new DraftRuleItem { Pos = s.Pos, TableRef = new DraftName(name, pos) });
            return;
        }

        DraftName? iface = s.String("interface") is var (ifName, ifPos) ? new DraftName(ifName, ifPos) : null;
        DraftRange? group = Part(s, "group", diagnostics);
        DraftRange? source = Part(s, "source", diagnostics);
        if (group is not null && source is not null)
        {
            table.Items.Add(new DraftRuleItem { Pos = s.Pos, Interface = iface, Group = group, Source = source });
        }
    }

    /// <summary>An absent part is "*".</summary>
    private static DraftRange? Part(TomlSection s, string key, DiagnosticBag diagnostics)
    {
        if (s.Node(key) is null)
        {
            return DraftRange.Any(s.Pos);
        }

        if (s.String(key) is not var (text, pos))
        {
            return null;
        }

        string? error = ParseRange(text, pos, out DraftRange? range);
        if (error is not null)
        {
            diagnostics.Add(pos, $"{key} \"{text}\": {error}");
        }

        return range;
    }

    /// <summary>
    /// The ordered group list: "+RANGE" allows, "-RANGE" denies, optionally "... from RANGE"
    /// for the sources (RANGE as in rules). Bad entries are reported and left out.
    /// </summary>
    private static List<DraftGroupEntry> ReadGroupList(List<DraftName> items, DiagnosticBag diagnostics)
    {
        var entries = new List<DraftGroupEntry>(items.Count);
        foreach (DraftName item in items)
        {
            string? error = ParseGroupEntry(item.Name, item.Pos, out DraftGroupEntry? entry);
            if (error is not null)
            {
                diagnostics.Add(item.Pos, $"group entry \"{item.Name}\": {error}");
            }
            else
            {
                entries.Add(entry!);
            }
        }

        return entries;
    }

    /// <summary>"+RANGE", "-RANGE", either with " from RANGE"; returns an error or null.</summary>
    public static string? ParseGroupEntry(string text, SourcePos pos, out DraftGroupEntry? entry)
    {
        entry = null;
        string t = text.Trim();
        if (t.Length == 0 || (t[0] != '+' && t[0] != '-'))
        {
            return "expected '+' (allow) or '-' (deny) first, as in \"+239.0.0.0/8\" or \"-*\"";
        }

        string rest = t[1..];
        string sources = "*";
        int from = rest.IndexOf(" from ", StringComparison.Ordinal);
        if (from >= 0)
        {
            sources = rest[(from + 6)..];
            rest = rest[..from];
        }

        if (ParseRange(rest, pos, out DraftRange? group) is string groupError)
        {
            return "group " + groupError;
        }

        if (ParseRange(sources, pos, out DraftRange? source) is string sourceError)
        {
            return "source " + sourceError;
        }

        entry = new DraftGroupEntry { Pos = pos, Allow = t[0] == '+', Group = group!, Source = source! };
        return null;
    }

    /// <summary>"*", "A", "A/n", "A - B", "A - *", "* - B" (the 1.x part syntax); returns an error or null.</summary>
    public static string? ParseRange(string text, SourcePos pos, out DraftRange? range)
    {
        range = null;
        string t = text.Trim();
        int dash = t.IndexOf('-');
        if (dash >= 0)
        {
            if (!Bound(t[..dash], out Addr? low) || !Bound(t[(dash + 1)..], out Addr? high))
            {
                return "expected \"LOW - HIGH\" with two addresses or '*'";
            }

            range = new DraftRange(pos, Open(low), Open(high));
            return null;
        }

        int slash = t.IndexOf('/');
        if (slash >= 0)
        {
            if (!Bound(t[..slash], out Addr? a)
                || !int.TryParse(t.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                return "expected \"ADDRESS/LENGTH\"";
            }

            range = a is null ? DraftRange.Any(pos) : new DraftRange(pos, a, null, n);
            return null;
        }

        if (!Bound(t, out Addr? single))
        {
            return "expected '*', an address, \"A/n\" or \"A - B\"";
        }

        range = single is null ? DraftRange.Any(pos) : DraftRange.Single(pos, single.Value);
        return null;
    }

    private static Addr? Open(Addr? a) => a is { IsUnspecified: true } ? null : a;

    private static bool Bound(string text, out Addr? a)
    {
        string t = text.Trim();
        a = null;
        if (t == "*")
        {
            return true;
        }

        if (Addr.TryParse(t, out Addr parsed))
        {
            a = parsed;
            return true;
        }

        return false;
    }
}
