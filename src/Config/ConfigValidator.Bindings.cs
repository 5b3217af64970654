using System;
using System.Collections.Generic;
using McProxy.Config.Draft;
using McProxy.Config.Model;

namespace McProxy.Config;

/// <summary>Filter and rule matching bindings.</summary>
internal sealed partial class ConfigValidator
{
    private Dictionary<string, List<FilterBinding>> BuildFilters()
    {
        var result = new Dictionary<string, List<FilterBinding>>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, InterfaceRole, string?, FilterDirection), SourcePos>();
        foreach (DraftBinding b in _draft.Bindings)
        {
            if (!CheckBindingTarget(b.Instance, b.Role, b.Interface))
            {
                if (b.TableRef is DraftName unresolved)
                {
                    ResolveNamed(unresolved.Name, unresolved.Pos);
                }

                continue;
            }

            var key = (b.Instance.Name, b.Role, b.Interface?.Name, b.Direction);
            if (seen.TryGetValue(key, out SourcePos first))
            {
                Error(b.InterfacePos, $"second '{Dir(b.Direction)}' filter for {Role(b.Role)} {b.Interface?.Name ?? "*"} of instance '{b.Instance.Name}' (first at {first}); expected one per interface and direction");
                continue;
            }

            seen.Add(key, b.InterfacePos);
            RuleTable? table = b.TableRef is DraftName r ? ResolveNamed(r.Name, r.Pos)
                : b.Inline is DraftTable inline ? Flatten(inline)
                : null;
            if (table is null)
            {
                continue;
            }

            if (!result.TryGetValue(b.Instance.Name, out List<FilterBinding>? list))
            {
                list = new List<FilterBinding>();
                result.Add(b.Instance.Name, list);
            }

            list.Add(new FilterBinding(b.Role, b.Interface?.Name, b.Direction, b.Kind, table));
        }

        foreach (List<FilterBinding> list in result.Values)
        {
            list.Sort(CompareFilters);
        }

        return result;
    }

    /// <summary>Canonical filter order: role, interface ("*" first), direction.</summary>
    private static int CompareFilters(FilterBinding a, FilterBinding b)
    {
        int c = a.Role.CompareTo(b.Role);
        if (c == 0)
        {
            c = (a.Interface is null ? 0 : 1).CompareTo(b.Interface is null ? 0 : 1);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Interface, b.Interface);
        }

        return c != 0 ? c : a.Direction.CompareTo(b.Direction);
    }

    /// <summary>The instance exists and the interface is one of its interfaces of that role.</summary>
    private bool CheckBindingTarget(DraftName instance, InterfaceRole role, DraftName? iface)
    {
        if (!_instancesByName.TryGetValue(instance.Name, out DraftInstance? inst))
        {
            Error(instance.Pos, $"unknown instance '{instance.Name}'; expected an instance defined with \"pinstance {instance.Name}: ... ==> ...\"");
            return false;
        }

        if (iface is not DraftName n)
        {
            return true;
        }

        List<DraftName> list = role == InterfaceRole.Upstream ? inst.Upstreams : inst.Downstreams;
        foreach (DraftName candidate in list)
        {
            if (candidate.Name == n.Name)
            {
                return true;
            }
        }

        Error(n.Pos, $"interface '{n.Name}' is not {(role == InterfaceRole.Upstream ? "an upstream" : "a downstream")} of instance '{inst.Name}'; expected one of: {Join(list)} or *");
        return false;
    }

    /// <summary>
    /// Last upstream binding per direction wins (docs/behaviour.md §2.3); downstream ones are
    /// accepted and ignored as in the original. Defaults are dropped so equal setups compare equal.
    /// </summary>
    private Dictionary<string, RuleMatchingBinding[]> BuildRuleMatchings()
    {
        var last = new Dictionary<(string, FilterDirection), RuleMatchingBinding>();
        foreach (DraftRuleMatching m in _draft.RuleMatchings)
        {
            if (!_instancesByName.ContainsKey(m.Instance.Name))
            {
                Error(m.Instance.Pos, $"unknown instance '{m.Instance.Name}'; expected an instance defined with \"pinstance {m.Instance.Name}: ... ==> ...\"");
                continue;
            }

            if (m.Matching == RuleMatching.Mutex && m.MutexMs <= 0)
            {
                Error(m.Pos, $"mutex time {m.MutexMs} ms; expected a positive number of milliseconds");
                continue;
            }

            if (m.Role == InterfaceRole.Upstream)
            {
                last[(m.Instance.Name, m.Direction)] = new RuleMatchingBinding(m.Direction, m.Matching, m.Matching == RuleMatching.Mutex ? m.MutexMs : 0);
            }
        }

        var result = new Dictionary<string, RuleMatchingBinding[]>(StringComparer.Ordinal);
        foreach (string name in _instancesByName.Keys)
        {
            var list = new List<RuleMatchingBinding>(2);
            AddIfNotDefault(last, name, FilterDirection.In, RuleMatching.First, list);
            AddIfNotDefault(last, name, FilterDirection.Out, RuleMatching.All, list);
            result.Add(name, list.ToArray());
        }

        return result;
    }

    private static void AddIfNotDefault(
        Dictionary<(string, FilterDirection), RuleMatchingBinding> last,
        string name,
        FilterDirection direction,
        RuleMatching defaultMatching,
        List<RuleMatchingBinding> list)
    {
        if (last.TryGetValue((name, direction), out RuleMatchingBinding? b) && b.Matching != defaultMatching)
        {
            list.Add(b);
        }
    }

    private static string Join(List<DraftName> names)
    {
        var parts = new string[names.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = names[i].Name;
        }

        return parts.Length == 0 ? "(none)" : string.Join(", ", parts);
    }

    private static string Dir(FilterDirection d) => d == FilterDirection.In ? "in" : "out";

    private static string Role(InterfaceRole r) => r == InterfaceRole.Upstream ? "upstream" : "downstream";
}
