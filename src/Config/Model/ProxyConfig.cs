using System;

namespace McProxy.Config.Model;

/// <summary>
/// One RFC 4605 proxy instance: ordered upstreams (index = priority, lower preferred),
/// downstreams, and its filter bindings. An interface in both lists is a peering interface
/// (one vif, runs a querier, its members aggregate like a downstream's).
/// </summary>
internal sealed record InstanceConfig(
    string Name,
    int? TableNumber,
    EquatableArray<string> Upstreams,
    EquatableArray<string> Downstreams,
    EquatableArray<FilterBinding> Filters,
    EquatableArray<RuleMatchingBinding> RuleMatchings)
{
    /// <summary>Upstream "in" rule matching; default first (docs/behaviour.md §2.3).</summary>
    public RuleMatchingBinding UpstreamIn => Last(FilterDirection.In) ?? new(FilterDirection.In, RuleMatching.First, 0);

    /// <summary>Upstream "out" rule matching; default all.</summary>
    public RuleMatchingBinding UpstreamOut => Last(FilterDirection.Out) ?? new(FilterDirection.Out, RuleMatching.All, 0);

    public bool IsPeering(string iface) =>
        Array.IndexOf(Upstreams.AsSpan().ToArray(), iface) >= 0 && Array.IndexOf(Downstreams.AsSpan().ToArray(), iface) >= 0;

    private RuleMatchingBinding? Last(FilterDirection d)
    {
        RuleMatchingBinding? found = null;
        foreach (RuleMatchingBinding b in RuleMatchings.AsSpan())
        {
            if (b.Direction == d)
            {
                found = b;
            }
        }

        return found;
    }
}

/// <summary>
/// The whole validated configuration, whatever syntax it was read from.
/// <see cref="Tables"/> are the named global tables (bindings hold resolved copies).
/// </summary>
internal sealed record ProxyConfig(
    ProtocolVersion Protocol,
    EquatableArray<InstanceConfig> Instances,
    EquatableArray<RuleTable> Tables,
    InterfaceSettings Defaults,
    EquatableArray<InterfaceOverride> InterfaceOverrides,
    bool Disabled,
    bool ProxySsdp)
{
    /// <summary>The user to run as after set-up (TOML "user"; -u overrides); null = stay root.</summary>
    public string? User { get; init; }

    /// <summary>Settings for one downstream interface: its override, else the defaults.</summary>
    public InterfaceSettings SettingsFor(string iface)
    {
        foreach (InterfaceOverride o in InterfaceOverrides.AsSpan())
        {
            if (o.Interface == iface)
            {
                return o.Settings;
            }
        }

        return Defaults;
    }
}
