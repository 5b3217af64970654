using System.Collections.Generic;
using McProxy.Config.Model;

namespace McProxy.Config.Draft;

/// <summary>
/// Querier settings as written at one level (global, instance or interface); null = not set,
/// inherit from the level above. Positions point at the keys for range errors.
/// </summary>
internal sealed class DraftSettings
{
    public SourcePos Pos { get; set; }

    public Setting<int>? Robustness { get; set; }

    public Setting<int>? QueryIntervalMs { get; set; }

    public Setting<int>? QueryResponseIntervalMs { get; set; }

    public Setting<int>? StartupQueryIntervalMs { get; set; }

    public Setting<int>? StartupQueryCount { get; set; }

    public Setting<int>? LastMemberQueryIntervalMs { get; set; }

    public Setting<int>? LastMemberQueryCount { get; set; }

    public Setting<ProtocolVersion>? QueryVersion { get; set; }

    public Setting<bool>? FastLeave { get; set; }

    public Setting<int>? MaxGroups { get; set; }

    public Setting<int>? MaxSourcesPerGroup { get; set; }

    public Setting<int>? MaxHostsPerGroup { get; set; }

    public Setting<int>? HostSharePercent { get; set; }

    public Setting<bool>? ForwardOnlyAsQuerier { get; set; }

    public Setting<bool>? LocalListeners { get; set; }

    /// <summary>"ssm_ranges" as written (family and multicast checked by the validator).</summary>
    public List<DraftRange>? SsmRangesWritten { get; set; }

    public SourcePos SsmRangesPos { get; set; }

    /// <summary>The written ranges once the validator has checked them.</summary>
    public Setting<EquatableArray<AddrRange>>? SsmRanges { get; set; }
}

/// <summary>A set value and where it was written.</summary>
internal readonly record struct Setting<T>(T Value, SourcePos Pos);
