
namespace McProxy.Config.Model;

/// <summary>
/// An inclusive address range. "*" is the whole family ([0.0.0.0, 255.255.255.255] or
/// [::, ffff:...]); a prefix A/n is [A with host bits cleared, A with host bits set].
/// </summary>
internal readonly record struct AddrRange(Addr Low, Addr High)
{
    public bool Contains(Addr a) => Low <= a && a <= High;

    public static AddrRange Single(Addr a) => new(a, a);

    public static AddrRange All(IpFamily family) => family == IpFamily.V4
        ? new AddrRange(Addr.FromV4(0), Addr.FromV4(uint.MaxValue))
        : new AddrRange(new Addr(0, 0), new Addr(ulong.MaxValue, ulong.MaxValue));

    public bool IsAll(IpFamily family) => this == All(family);
}

/// <summary>
/// One rule of a table: an optional interface qualifier ("IF(group | source)", null = any
/// interface), a group range and a source range (docs/behaviour.md §2.2/§2.3).
/// Nested and referenced tables are flattened into their parent's rules when read.
/// </summary>
internal sealed record Rule(string? Interface, AddrRange Group, AddrRange Source)
{
    public bool Matches(string? interfaceName, Addr group, Addr source) =>
        (Interface is null || Interface == interfaceName) && Group.Contains(group) && Source.Contains(source);
}

/// <summary>A named (or inline, Name = "") rule table. Matches if any rule matches.</summary>
internal sealed record RuleTable(string Name, EquatableArray<Rule> Rules)
{
    public bool Matches(string? interfaceName, Addr group, Addr source)
    {
        foreach (Rule r in Rules.AsSpan())
        {
            if (r.Matches(interfaceName, group, source))
            {
                return true;
            }
        }

        return false;
    }
}

internal enum InterfaceRole : byte
{
    Upstream,
    Downstream,
}

internal enum FilterDirection : byte
{
    In,
    Out,
}

internal enum FilterKind : byte
{
    Whitelist,
    Blacklist,
}

/// <summary>
/// "pinstance X upstream|downstream IF|* in|out whitelist|blacklist table T".
/// Interface null means "*". The table is resolved (a copy of the referenced table's rules).
/// </summary>
internal sealed record FilterBinding(
    InterfaceRole Role,
    string? Interface,
    FilterDirection Direction,
    FilterKind Kind,
    RuleTable Table)
{
    /// <summary>Whitelist: allowed iff a rule matches; blacklist: allowed iff none does.</summary>
    public bool Allows(string? qualifierInterface, Addr group, Addr source) =>
        Table.Matches(qualifierInterface, group, source) == (Kind == FilterKind.Whitelist);
}

/// <summary>How data or joins are spread over several upstreams (docs/behaviour.md §3).</summary>
internal enum RuleMatching : byte
{
    All,
    First,
    Mutex,
}

/// <summary>"pinstance X upstream * in|out rulematching all|first|mutex MS".</summary>
internal sealed record RuleMatchingBinding(FilterDirection Direction, RuleMatching Matching, int MutexMs);
