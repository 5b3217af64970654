using McProxy.Config.Model;

namespace McProxy.Protocol.Proxying;

/// <summary>
/// The filter bindings that apply to each interface id, resolved once. A binding naming the
/// interface wins over a "*" binding of the same role and direction; none means allow all
/// (docs/behaviour.md §2.3). Roles (§3): upstream in = what is requested there and whether data
/// arriving there is routed; upstream out = data sent there; downstream in = whether data
/// arriving there is routed; downstream out = data sent there and which of its memberships
/// count toward each upstream.
/// </summary>
internal sealed class InterfaceFilters
{
    private readonly FilterBinding?[] _upIn;
    private readonly FilterBinding?[] _upOut;
    private readonly FilterBinding?[] _downIn;
    private readonly FilterBinding?[] _downOut;

    public InterfaceFilters(InstanceConfig instance, InterfaceMap map)
    {
        _upIn = new FilterBinding?[map.Count];
        _upOut = new FilterBinding?[map.Count];
        _downIn = new FilterBinding?[map.Count];
        _downOut = new FilterBinding?[map.Count];
        for (int id = 0; id < map.Count; id++)
        {
            string name = map.NameOf(id);
            _upIn[id] = Find(instance, InterfaceRole.Upstream, FilterDirection.In, name);
            _upOut[id] = Find(instance, InterfaceRole.Upstream, FilterDirection.Out, name);
            _downIn[id] = Find(instance, InterfaceRole.Downstream, FilterDirection.In, name);
            _downOut[id] = Find(instance, InterfaceRole.Downstream, FilterDirection.Out, name);
        }
    }

    public FilterBinding? UpstreamIn(int id) => _upIn[id];

    public FilterBinding? UpstreamOut(int id) => _upOut[id];

    public FilterBinding? DownstreamIn(int id) => _downIn[id];

    public FilterBinding? DownstreamOut(int id) => _downOut[id];

    /// <summary>Whether <paramref name="binding"/> (null = none) allows (G,S) for the qualifier interface.</summary>
    public static bool Allows(FilterBinding? binding, string? qualifier, Addr group, Addr source) =>
        binding is null || binding.Allows(qualifier, group, source);

    private static FilterBinding? Find(InstanceConfig instance, InterfaceRole role, FilterDirection direction, string name)
    {
        FilterBinding? wildcard = null;
        foreach (FilterBinding b in instance.Filters.AsSpan())
        {
            if (b.Role != role || b.Direction != direction)
            {
                continue;
            }

            if (b.Interface == name)
            {
                return b;
            }

            if (b.Interface is null)
            {
                wildcard = b;
            }
        }

        return wildcard;
    }
}
