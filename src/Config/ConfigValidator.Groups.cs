using System.Collections.Generic;
using McProxy.Config.Draft;
using McProxy.Config.Model;
using McProxy.Protocol;

namespace McProxy.Config;

/// <summary>The per-instance group list ("groups") and "proxy_ssdp".</summary>
internal sealed partial class ConfigValidator
{
    /// <summary>
    /// Compiles each instance's ordered group list (<see cref="GroupList"/>) into an "upstream *"
    /// filter in both directions: what is requested upstream, what is routed from an upstream,
    /// and what is sent to one. Entries of the other address family are skipped, so one list
    /// serves an IGMP and an MLD file alike.
    /// </summary>
    private void AddGroupLists(List<DraftInstance> instances, Dictionary<string, List<FilterBinding>> filters)
    {
        foreach (DraftInstance inst in instances)
        {
            if (inst.Groups is null)
            {
                continue;
            }

            if (inst.Groups.Count > GroupList.MaxEntries)
            {
                Error(inst.GroupsPos, $"the group list of instance '{inst.Name}' has {inst.Groups.Count} entries; expected at most {GroupList.MaxEntries}");
                continue;
            }

            if (GroupEntries(inst.Groups) is not List<GroupList.Entry> entries)
            {
                continue;
            }

            if (!filters.TryGetValue(inst.Name, out List<FilterBinding>? list))
            {
                list = new List<FilterBinding>();
                filters.Add(inst.Name, list);
            }

            if (list.Exists(static f => f.Role == InterfaceRole.Upstream))
            {
                Error(inst.GroupsPos, $"instance '{inst.Name}' has both 'groups' and an upstream filter; expected one of them ('groups' filters every upstream in both directions)");
                continue;
            }

            if (GroupList.Compile(entries, _family) is (FilterKind kind, Rule[] rules))
            {
                var table = new RuleTable(string.Empty, new EquatableArray<Rule>(rules));
                list.Add(new FilterBinding(InterfaceRole.Upstream, null, FilterDirection.In, kind, table));
                list.Add(new FilterBinding(InterfaceRole.Upstream, null, FilterDirection.Out, kind, table));
                list.Sort(CompareFilters);
            }
        }
    }

    /// <summary>The entries of this file's family, checked; null if any is wrong (reported).</summary>
    private List<GroupList.Entry>? GroupEntries(List<DraftGroupEntry> draft)
    {
        var entries = new List<GroupList.Entry>(draft.Count);
        bool ok = true;
        foreach (DraftGroupEntry e in draft)
        {
            IpFamily? groupFamily = FamilyOf(e.Group);
            IpFamily? sourceFamily = FamilyOf(e.Source);
            if (groupFamily is IpFamily g && sourceFamily is IpFamily s && g != s)
            {
                Error(e.Pos, "group entry mixes IPv4 and IPv6; expected group and sources of one family");
                ok = false;
                continue;
            }

            if ((groupFamily ?? sourceFamily) is IpFamily family && family != _family)
            {
                continue;
            }

            AddrRange? group = ToRange(e.Group, isGroup: true);
            AddrRange? source = ToRange(e.Source, isGroup: false);
            if (group is null || source is null)
            {
                ok = false;
                continue;
            }

            entries.Add(new GroupList.Entry(e.Allow, group.Value, source.Value));
        }

        return ok ? entries : null;
    }

    private static IpFamily? FamilyOf(DraftRange r) => (r.Low ?? r.High)?.Family;

    /// <summary>
    /// proxy_ssdp: an instance's value, else the top level's. The daemon applies one value to
    /// all its instances, so instances that end up with different values are an error.
    /// </summary>
    private bool ResolveProxySsdp(List<DraftInstance> instances)
    {
        DraftInstance? first = null;
        foreach (DraftInstance inst in instances)
        {
            bool value = inst.ProxySsdp?.Value ?? _draft.ProxySsdp;
            if (first is null)
            {
                first = inst;
            }
            else if (value != (first.ProxySsdp?.Value ?? _draft.ProxySsdp))
            {
                Error(inst.ProxySsdp?.Pos ?? first.ProxySsdp!.Value.Pos, $"instances '{first.Name}' and '{inst.Name}' differ in proxy_ssdp; expected the same value (one daemon proxies SSDP for all its instances or for none)");
            }
        }

        return first is null ? _draft.ProxySsdp : first.ProxySsdp?.Value ?? _draft.ProxySsdp;
    }
}
