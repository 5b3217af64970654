namespace McProxy.Config.Model;

/// <summary>
/// Querier and membership settings of one downstream interface. Defaults are the RFC 3376 §8 /
/// RFC 3810 §9 values (robustness 2, query interval 125 s, query response interval 10 s,
/// startup query interval QI/4, startup query count = robustness, last member query interval
/// 1 s, last member query count = robustness). The old mcproxy syntaxes cannot set these;
/// TOML can, per instance and per interface.
/// </summary>
internal sealed record InterfaceSettings(
    int Robustness,
    int QueryIntervalMs,
    int QueryResponseIntervalMs,
    int StartupQueryIntervalMs,
    int StartupQueryCount,
    int LastMemberQueryIntervalMs,
    int LastMemberQueryCount,
    ProtocolVersion? QueryVersion,
    bool FastLeave,
    int MaxGroups,
    int MaxSourcesPerGroup,
    int MaxHostsPerGroup)
{
    public static InterfaceSettings Default { get; } = new(
        Robustness: 2,
        QueryIntervalMs: 125_000,
        QueryResponseIntervalMs: 10_000,
        StartupQueryIntervalMs: 125_000 / 4,
        StartupQueryCount: 2,
        LastMemberQueryIntervalMs: 1_000,
        LastMemberQueryCount: 2,
        QueryVersion: null,
        FastLeave: false,
        MaxGroups: 1024,
        MaxSourcesPerGroup: 256,
        MaxHostsPerGroup: 64);

    /// <summary>
    /// Source-specific multicast ranges (RFC 4604 §2.2): groups in them take no EXCLUDE state
    /// and no IGMPv1/v2 / MLDv1 messages. Null = the IANA ranges (<see cref="Protocol.Proxying.GroupScope"/>:
    /// 232.0.0.0/8, ff3x::/32); empty = no SSM range.
    /// </summary>
    public EquatableArray<AddrRange>? SsmRanges { get; init; }

    /// <summary>
    /// The share (percent) of <see cref="MaxGroups"/> and of <see cref="MaxSourcesPerGroup"/>
    /// one host (one source address) may hold, so one host cannot lock the others out.
    /// </summary>
    public int HostSharePercent { get; init; } = 25;

    /// <summary>
    /// RFC 4605 §4.2: forward to this downstream only while we are its querier (two routers on
    /// one LAN then do not both forward). Off by default: when a snooping switch or another box
    /// wins the election, the proxy keeps forwarding, which IPTV behind such switches needs.
    /// </summary>
    public bool ForwardOnlyAsQuerier { get; init; }

    /// <summary>
    /// Whether processes on the router itself that joined a group on this downstream count as
    /// its listeners (their reports come back to us from our own address). Off by default: a
    /// router's own services must not pull upstream traffic onto the LAN; a local application
    /// that wants a channel joins it on the upstream, where the kernel serves it directly.
    /// Never counted on a peering interface: there our own upstream joins come back.
    /// </summary>
    public bool LocalListeners { get; init; }

    /// <summary>Groups one host may create on the interface: its share of max_groups, at least 1.</summary>
    public int MaxGroupsPerHost => Share(MaxGroups);

    /// <summary>Sources one host may add to one group: its share of max_sources_per_group, at least 1.</summary>
    public int MaxSourcesPerHost => Share(MaxSourcesPerGroup);

    /// <summary>Group/multicast address listening interval: QRV × QI + QRI (RFC 3376 §8.4).</summary>
    public long GroupMembershipIntervalMs => ((long)Robustness * QueryIntervalMs) + QueryResponseIntervalMs;

    /// <summary>Other querier present interval: QRV × QI + QRI/2 (RFC 3376 §8.5).</summary>
    public long OtherQuerierPresentIntervalMs => ((long)Robustness * QueryIntervalMs) + (QueryResponseIntervalMs / 2);

    /// <summary>Older host present interval: QRV × QI + QRI (RFC 3376 §8.13).</summary>
    public long OlderHostPresentIntervalMs => GroupMembershipIntervalMs;

    /// <summary>Last member query time: LMQI × LMQC (RFC 3376 §8.9).</summary>
    public long LastMemberQueryTimeMs => (long)LastMemberQueryIntervalMs * LastMemberQueryCount;

    private int Share(int limit) => (int)System.Math.Max(1, (long)limit * HostSharePercent / 100);
}

/// <summary>Settings that apply to one named interface (TOML [interface."br-lan"]).</summary>
internal sealed record InterfaceOverride(string Interface, InterfaceSettings Settings);
