using System;
using System.Collections.Generic;
using McProxy.Config.Draft;
using McProxy.Config.Model;

namespace McProxy.Config;

/// <summary>Rule tables: names, flattening of nested tables, address checks.</summary>
internal sealed partial class ConfigValidator
{
    private RuleTable[] BuildTables()
    {
        foreach (DraftTable t in _draft.Tables)
        {
            if (NameRules.CheckName(t.Name, "table") is string bad)
            {
                Error(t.Pos, bad);
            }
            else if (_tablesByName.TryGetValue(t.Name, out DraftTable? first))
            {
                Error(t.Pos, $"duplicate table '{t.Name}' (first defined at {first.Pos}); expected a new name");
            }
            else
            {
                _tablesByName.Add(t.Name, t);
            }
        }

        var result = new List<RuleTable>();
        foreach (DraftTable t in _tablesByName.Values)
        {
            if (ResolveNamed(t.Name, t.Pos) is RuleTable resolved)
            {
                result.Add(resolved);
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result.ToArray();
    }

    /// <summary>A named table with nested tables flattened; null if unknown or cyclic (reported).</summary>
    private RuleTable? ResolveNamed(string name, SourcePos usedAt)
    {
        if (_resolved.TryGetValue(name, out RuleTable? done))
        {
            if (done is null && _resolving.Contains(name))
            {
                Error(usedAt, $"table '{name}' includes itself; expected tables without cycles");
            }

            return done;
        }

        if (!_tablesByName.TryGetValue(name, out DraftTable? draft))
        {
            Error(usedAt, $"unknown table '{name}'; expected one of: {KnownTables()}");
            return null;
        }

        _resolved[name] = null;
        _resolving.Add(name);
        RuleTable table = Flatten(draft);
        _resolving.Remove(name);
        _resolved[name] = table;
        return table;
    }

    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);

    private string KnownTables()
    {
        if (_tablesByName.Count == 0)
        {
            return "(no table is defined)";
        }

        var names = new List<string>(_tablesByName.Keys);
        names.Sort(StringComparer.Ordinal);
        return string.Join(", ", names);
    }

    private RuleTable Flatten(DraftTable table)
    {
        var rules = new List<Rule>(table.Items.Count);
        AddRules(table, rules);
        return new RuleTable(table.Name, new EquatableArray<Rule>(rules.ToArray()));
    }

    private void AddRules(DraftTable table, List<Rule> rules)
    {
        foreach (DraftRuleItem item in table.Items)
        {
            if (item.TableRef is DraftName reference)
            {
                if (ResolveNamed(reference.Name, reference.Pos) is RuleTable nested)
                {
                    rules.AddRange(nested.Rules);
                }
            }
            else if (item.Nested is DraftTable inline)
            {
                AddRules(inline, rules);
            }
            else if (BuildRule(item) is Rule rule)
            {
                rules.Add(rule);
            }
        }
    }

    private Rule? BuildRule(DraftRuleItem item)
    {
        string? iface = item.Interface?.Name;
        if (item.Interface is DraftName n && NameRules.CheckInterface(n.Name) is string bad)
        {
            Error(n.Pos, bad);
        }

        AddrRange? group = item.Group is null ? AddrRange.All(_family) : ToRange(item.Group, isGroup: true);
        AddrRange? source = item.Source is null ? AddrRange.All(_family) : ToRange(item.Source, isGroup: false);
        return group is null || source is null ? null : new Rule(iface, group.Value, source.Value);
    }

    /// <summary>Checks family, prefix length, order and (for groups) the multicast range.</summary>
    private AddrRange? ToRange(DraftRange r, bool isGroup)
    {
        AddrRange all = AddrRange.All(_family);
        if (!FamilyOk(r.Low, r.Pos) || !FamilyOk(r.High, r.Pos))
        {
            return null;
        }

        AddrRange range;
        if (r.Prefix >= 0)
        {
            int max = _family == IpFamily.V4 ? 32 : 128;
            if (r.Prefix > max)
            {
                Error(r.Pos, $"prefix /{r.Prefix} is longer than {(max == 32 ? "IPv4" : "IPv6")} allows; expected /0 to /{max}");
                return null;
            }

            range = AddrMath.Prefix(r.Low!.Value, r.Prefix);
        }
        else
        {
            range = new AddrRange(r.Low ?? all.Low, r.High ?? all.High);
            if (range.Low > range.High)
            {
                Error(r.Pos, $"range {range.Low} - {range.High} is reversed; expected the lower address first");
                return null;
            }
        }

        if (isGroup && !GroupOk(r, range))
        {
            return null;
        }

        return range;
    }

    private bool FamilyOk(Addr? a, SourcePos pos)
    {
        if (a is not Addr addr || addr.Family == _family)
        {
            return true;
        }

        Error(pos, _family == IpFamily.V4
            ? $"IPv6 address {addr} in an IGMP configuration (protocol {_protocol.Name()}); expected an IPv4 address"
            : $"IPv4 address {addr} in an MLD configuration (protocol {_protocol.Name()}); expected an IPv6 address");
        return false;
    }

    /// <summary>Written (non-wildcard) group bounds must lie in 224.0.0.0/4 or ff00::/8.</summary>
    private bool GroupOk(DraftRange r, AddrRange range)
    {
        bool lowWritten = r.Low is not null;
        bool highWritten = r.High is not null || r.Prefix >= 0;
        if ((lowWritten && !range.Low.IsMulticast) || (highWritten && !range.High.IsMulticast))
        {
            string text = r.Prefix >= 0 ? $"{r.Low}/{r.Prefix}" : (lowWritten && !range.Low.IsMulticast ? range.Low : range.High).ToString();
            Error(r.Pos, $"group {text} is not multicast; expected addresses in {(_family == IpFamily.V4 ? "224.0.0.0/4" : "ff00::/8")}");
            return false;
        }

        return true;
    }
}
