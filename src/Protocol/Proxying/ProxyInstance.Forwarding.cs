using McProxy.Config.Model;
using McProxy.Protocol.Membership;

namespace McProxy.Protocol.Proxying;

// Output interfaces of (S,G) arriving on an interface (RFC 4605 §4.2, docs/behaviour.md §3).
internal sealed partial class ProxyInstance
{
    /// <summary>Recomputes every known route of the group; only changed masks reach the port.</summary>
    private void UpdateRoutes(Addr group)
    {
        foreach (int slot in _routes.OfGroup(group))
        {
            _routes.Update(slot, ComputeOutputs(_routes.SourceOf(slot), group, _routes.InputOf(slot)));
        }
    }

    /// <summary>
    /// The output mask for (S,G) arriving on <paramref name="input"/>. Data arriving on a
    /// downstream (a peering interface included) goes to the upstreams whose out filter allows
    /// it - all of them, or the first by priority - without any upstream membership (RFC 4605
    /// §4.2), and to every other downstream that wants S and whose out filter allows it.
    /// Data arriving on an upstream goes only to downstreams, and only if the upstream's in
    /// filter allows it (and, with mutex, the upstream owns S). Link-local scope is never
    /// routed. SSDP without proxy_ssdp touches no upstream (a peering interface is one): not
    /// routed when it arrives there, never sent there; between downstreams it is LAN chatter
    /// and flows as any group (docs/behaviour.md §4.7).
    /// </summary>
    private uint ComputeOutputs(Addr source, Addr group, int input)
    {
        bool ssdpOffUpstream = !_proxySsdp && GroupScope.IsSsdp(group);
        if (GroupScope.IsLinkLocal(group) || !_up[input] || (ssdpOffUpstream && _map.IsUpstream(input)) ||
            !InputAllows(source, group, input))
        {
            return 0;
        }

        uint mask = 0;
        if (_map.IsDownstream(input) && GroupScope.MayGoUpstream(group, _proxySsdp))
        {
            mask |= UpstreamOutputs(source, group, input);
        }

        string inputName = _map.NameOf(input);
        for (int d = 0; d < _views.Length; d++)
        {
            IMembershipView? view = _views[d];
            if (d != input && view is not null && _up[d] && !(ssdpOffUpstream && _map.IsUpstream(d)) && view.WantsSource(group, source) &&
                InterfaceFilters.Allows(_filters.DownstreamOut(d), inputName, group, source))
            {
                mask |= 1u << d;
            }
        }

        return mask;
    }

    // Whether data arriving on `input` may be routed at all: a downstream's in filter, an
    // upstream's in filter; a peering interface is both, so either may veto.
    private bool InputAllows(Addr source, Addr group, int input)
    {
        string name = _map.NameOf(input);
        if (_map.IsDownstream(input) && !InterfaceFilters.Allows(_filters.DownstreamIn(input), name, group, source))
        {
            return false;
        }

        if (!_map.IsUpstream(input))
        {
            return true;
        }

        if (!InterfaceFilters.Allows(_filters.UpstreamIn(input), name, group, source))
        {
            return false;
        }

        return _map.IsDownstream(input) || IsClaimOwnerOrUnclaimed(source, group, input);
    }

    // Upstreams for downstream data: upstream out filter with qualifier = arrival interface;
    // "out rulematching all" → every permitting one, "first" → the first by priority.
    // "mutex" makes no sense for data and acts as first (the original disabled all upstream
    // forwarding with it, docs/behaviour.md §3 [Fix]).
    private uint UpstreamOutputs(Addr source, Addr group, int input)
    {
        uint mask = 0;
        string inputName = _map.NameOf(input);
        foreach (int u in _map.UpstreamsByPriority)
        {
            if (u == input || !_up[u] || !InterfaceFilters.Allows(_filters.UpstreamOut(u), inputName, group, source))
            {
                continue;
            }

            mask |= 1u << u;
            if (_outMatching != RuleMatching.All)
            {
                break;
            }
        }

        return mask;
    }
}
