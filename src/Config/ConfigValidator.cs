using System;
using System.Collections.Generic;
using McProxy.Config.Draft;
using McProxy.Config.Model;
using McProxy.Protocol;

namespace McProxy.Config;

/// <summary>
/// Turns a <see cref="DraftConfig"/> (from any reader) into the immutable
/// <see cref="ProxyConfig"/>, reporting every problem it finds with its place. The model is
/// normalised so equal setups compare equal whatever syntax they came from: instances and
/// tables sorted by name, one filter per (role, interface, direction) sorted, rule matching
/// kept only where it differs from the default, interface overrides only where they differ
/// from the defaults.
/// </summary>
internal sealed partial class ConfigValidator
{
    /// <summary>Linux accepts multicast routing table ids below this (MRT_TABLE / MRT6_TABLE).</summary>
    public const int MaxKernelTable = 100_000_000;

    /// <summary>MAXVIFS / MAXMIFS of the kernel: interfaces per instance.</summary>
    public const int MaxInterfacesPerInstance = 32;

    private readonly DraftConfig _draft;
    private readonly DiagnosticBag _diagnostics;
    private readonly IpFamily _family;
    private readonly ProtocolVersion _protocol;
    private readonly Dictionary<string, DraftTable> _tablesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleTable?> _resolved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DraftInstance> _instancesByName = new(StringComparer.Ordinal);

    private ConfigValidator(DraftConfig draft, DiagnosticBag diagnostics)
    {
        _draft = draft;
        _diagnostics = diagnostics;
        _protocol = draft.Protocol ?? draft.DefaultProtocol;
        _family = _protocol.Family();
    }

    /// <summary>Validates; throws <see cref="ConfigException"/> with all diagnostics (also earlier ones in the bag).</summary>
    public static ProxyConfig Validate(DraftConfig draft, DiagnosticBag diagnostics)
    {
        ProxyConfig config = new ConfigValidator(draft, diagnostics).Build();
        diagnostics.ThrowIfAny();
        return config;
    }

    private ProxyConfig Build()
    {
        RuleTable[] tables = BuildTables();
        List<DraftInstance> instances = CheckInstances();
        CheckTableNumbers(instances);
        Dictionary<string, List<FilterBinding>> filters = BuildFilters();
        AddGroupLists(instances, filters);
        bool proxySsdp = ResolveProxySsdp(instances);
        Dictionary<string, RuleMatchingBinding[]> matchings = BuildRuleMatchings();
        var built = new InstanceConfig[instances.Count];
        for (int i = 0; i < built.Length; i++)
        {
            DraftInstance d = instances[i];
            built[i] = new InstanceConfig(
                d.Name,
                d.TableNumber,
                Names(d.Upstreams),
                Names(d.Downstreams),
                EquatableArray<FilterBinding>.From(filters.TryGetValue(d.Name, out List<FilterBinding>? f) ? f : new List<FilterBinding>()),
                new EquatableArray<RuleMatchingBinding>(matchings.TryGetValue(d.Name, out RuleMatchingBinding[]? m) ? m : Array.Empty<RuleMatchingBinding>()));
        }

        InterfaceSettings defaults = ResolveDefaults();
        InterfaceOverride[] overrides = BuildOverrides(instances, defaults);
        return new ProxyConfig(
            _protocol,
            new EquatableArray<InstanceConfig>(built),
            new EquatableArray<RuleTable>(tables),
            defaults,
            new EquatableArray<InterfaceOverride>(overrides),
            _draft.Disabled,
            proxySsdp)
        {
            User = _draft.User,
        };
    }

    private static EquatableArray<string> Names(List<DraftName> names)
    {
        var result = new string[names.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = names[i].Name;
        }

        return new EquatableArray<string>(result);
    }

    private void Error(SourcePos pos, string message) => _diagnostics.Add(pos, message);

    /// <summary>Unique valid instances, sorted by name; interface checks across instances.</summary>
    private List<DraftInstance> CheckInstances()
    {
        var interfaceOwner = new Dictionary<string, (DraftInstance Owner, SourcePos Pos)>(StringComparer.Ordinal);
        var result = new List<DraftInstance>();
        foreach (DraftInstance inst in _draft.Instances)
        {
            if (NameRules.CheckName(inst.Name, "instance") is string bad)
            {
                Error(inst.Pos, bad);
            }

            if (_instancesByName.TryGetValue(inst.Name, out DraftInstance? first))
            {
                Error(inst.Pos, $"duplicate instance '{inst.Name}' (first defined at {first.Pos}); expected a new name");
                continue;
            }

            _instancesByName.Add(inst.Name, inst);
            CheckInstanceInterfaces(inst, interfaceOwner);
            result.Add(inst);
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    private void CheckInstanceInterfaces(DraftInstance inst, Dictionary<string, (DraftInstance Owner, SourcePos Pos)> owner)
    {
        if (inst.TableNumber is < 0)
        {
            Error(inst.TableNumberPos, $"table number {inst.TableNumber} is negative; expected 0 or more");
        }
        else if (inst.TableNumber is >= MaxKernelTable)
        {
            // The kernel's ipmr/ip6mr refuse larger ids (EINVAL): say so at load time, not at start.
            Error(inst.TableNumberPos, $"table number {inst.TableNumber} is too large; expected at most {MaxKernelTable - 1}");
        }

        if (inst.Downstreams.Count == 0)
        {
            Error(inst.DownstreamsPos, $"instance '{inst.Name}' has no downstream interface; expected at least one");
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        CheckInterfaceList(inst, inst.Upstreams, "upstream", owner, distinct);
        CheckInterfaceList(inst, inst.Downstreams, "downstream", owner, distinct);
        if (distinct.Count > MaxInterfacesPerInstance)
        {
            Error(inst.Pos, $"instance '{inst.Name}' has {distinct.Count} interfaces; the kernel allows at most {MaxInterfacesPerInstance} (MAXVIFS)");
        }
    }

    private void CheckInterfaceList(
        DraftInstance inst,
        List<DraftName> list,
        string side,
        Dictionary<string, (DraftInstance Owner, SourcePos Pos)> owner,
        HashSet<string> distinct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DraftName n in list)
        {
            if (NameRules.CheckInterface(n.Name) is string bad)
            {
                Error(n.Pos, bad);
            }

            if (!seen.Add(n.Name))
            {
                Error(n.Pos, $"interface '{n.Name}' is listed twice as {side} of instance '{inst.Name}'");
                continue;
            }

            distinct.Add(n.Name);
            if (owner.TryGetValue(n.Name, out var first) && !ReferenceEquals(first.Owner, inst))
            {
                Error(n.Pos, $"interface '{n.Name}' is already used by instance '{first.Owner.Name}' at {first.Pos}; an interface belongs to one instance");
            }
            else
            {
                owner.TryAdd(n.Name, (inst, n.Pos));
            }
        }
    }

    private void CheckTableNumbers(List<DraftInstance> instances)
    {
        var names = new string[instances.Count];
        var numbers = new int?[instances.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = instances[i].Name;
            numbers[i] = instances[i].TableNumber;
        }

        int[] tables = TableNumbers.Assign(names, numbers);
        var byTable = new Dictionary<int, int>();
        for (int i = 0; i < tables.Length; i++)
        {
            int effective = TableNumbers.Effective(tables[i]);
            if (byTable.TryGetValue(effective, out int j))
            {
                Error(instances[i].Pos, $"instances '{instances[j].Name}' and '{instances[i].Name}' both get kernel table {tables[i]}; expected distinct tables (give one of them another \"(N)\")");
            }
            else
            {
                byTable.Add(effective, i);
            }
        }
    }
}
