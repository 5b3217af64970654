using System;
using McProxy.Config.Model;
using McProxy.Protocol.Membership;

namespace McProxy.Protocol.Proxying;

// What each upstream subscribes for a group: RFC 4605 §4.1 merge of the downstream states,
// the filters (docs/behaviour.md §3 corrected algebra) and the upstream "in" rule matching.
internal sealed partial class ProxyInstance
{
    private void UpdateSubscriptions(Addr group)
    {
        _groups.TryGetValue(group, out GroupEntry? entry);
        bool mayGoUp = GroupScope.MayGoUpstream(group, _proxySsdp);
        foreach (SourceSet r in _remaining)
        {
            r.SetAll();
        }

        ReadOnlySpan<int> ups = _map.UpstreamsByPriority;
        for (int p = 0; p < ups.Length; p++)
        {
            int id = ups[p];
            if (!mayGoUp || !_up[id])
            {
                _desired.Clear();
            }
            else
            {
                Desired(id, group, entry);
            }

            Apply(ref entry, p, id, group, _desired);
        }

        // A group some downstream wants stays known even when nothing goes upstream (all
        // upstreams down, filtered), so it is re-merged when an upstream comes back.
        bool wanted = HasDownstreamState(group);
        if (entry is null && wanted)
        {
            entry = Rent(group);
        }

        if (entry is not null && !wanted && !entry.HasSubscription && entry.Claims.Count == 0 && entry.Failed == 0)
        {
            _groups.Remove(group);
            entry.Reset();
            _pool.Push(entry);
        }
    }

    // _desired = what upstream `id` must subscribe, by the "in" rule matching (docs/behaviour.md §3).
    private void Desired(int id, Addr group, GroupEntry? entry)
    {
        bool first = _inMatching == RuleMatching.First;
        Merge(id, group, first);
        FilterBy(_filters.UpstreamIn(id), id, group, _merged, _desired);
        switch (_inMatching)
        {
            case RuleMatching.First:
                // Per upstream in priority order, each downstream offers only what no earlier
                // upstream's in filter permitted (Merge); what this upstream's in filter
                // rejects carries over to the next. Hence an EXCLUDE{} join lands only on the
                // first permitting upstream.
                CarryOver(id, group);
                break;
            case RuleMatching.Mutex:
                // Sources whose data is seen on another interface are not requested here.
                ClaimedElsewhere(id, entry);
                _desired.Subtract(_desired, _claimed);
                break;
            default:
                // all: every permitting upstream gets the merged request (the original joined
                // nothing at all here, docs/behaviour.md §3 [Fix]).
                break;
        }
    }

    // For each downstream d other than `id`: remaining[d] ∩= what upstream `id`'s in filter
    // rejects. Kept per downstream because a peering interface's own members skip the
    // upstream on the same interface (see Merge) and must reach the next one untouched.
    private void CarryOver(int id, Addr group)
    {
        FilterBinding? upIn = _filters.UpstreamIn(id);
        if (upIn is not null)
        {
            _ranges.Load(upIn, _map.NameOf(id), group);
            _ranges.Complement();
        }

        for (int d = 0; d < _remaining.Length; d++)
        {
            if (d == id)
            {
                continue;
            }

            if (upIn is null)
            {
                _remaining[d].Clear();
            }
            else
            {
                _remaining[d].Filter(_remaining[d], _ranges, _options.SourceExpansionLimit);
            }
        }
    }

    // _merged = RFC 4605 §4.1 merge of every live downstream's state as seen toward upstream
    // `upId`: each minus what its out filter (qualifier = that upstream) rejects and, with
    // `first`, limited to what earlier upstreams left over. A peering interface's own members
    // are not merged toward itself: the routers on that link hear their reports directly.
    private void Merge(int upId, Addr group, bool first)
    {
        _merged.Clear();
        for (int d = 0; d < _views.Length; d++)
        {
            IMembershipView? view = _views[d];
            if (d == upId || view is null || !_up[d] || !view.TryGetGroup(group, out FilterMode mode, out ReadOnlySpan<Addr> sources))
            {
                continue;
            }

            _state.Set(mode, sources);
            FilterBy(_filters.DownstreamOut(d), upId, group, _state, _state);
            if (first)
            {
                _state.Intersect(_state, _remaining[d]);
            }

            _merged.Merge(_merged, _state);
        }
    }

    // to = from ∩ (what `binding` allows for group, qualifier = interface `qualifierId`).
    private void FilterBy(FilterBinding? binding, int qualifierId, Addr group, SourceSet from, SourceSet to)
    {
        if (binding is null)
        {
            to.CopyFrom(from);
            return;
        }

        _ranges.Load(binding, _map.NameOf(qualifierId), group);
        to.Filter(from, _ranges, _options.SourceExpansionLimit);
    }

    // Sends `desired` for (upstream, group) if it differs from what was last applied, or if the
    // last attempt failed. A refused subscription is not recorded as done: it is retried with
    // backoff (ProxyInstance.Retry.cs). On an upstream that is gone the kernel has dropped the
    // memberships itself, so a failure there needs no retry.
    private void Apply(ref GroupEntry? entry, int priority, int id, Addr group, SourceSet desired)
    {
        if (entry is null)
        {
            if (desired.IsEmpty)
            {
                return;
            }

            entry = Rent(group);
        }

        SourceSet applied = entry.Applied[priority];
        uint bit = 1u << priority;
        if ((entry.Failed & bit) == 0 && applied.SameAs(desired))
        {
            return;
        }

        applied.CopyFrom(desired);
        if (_upstream.SetMembership(id, group, applied.Mode, applied.Sources) || !_up[id])
        {
            entry.Failed &= ~bit;
        }
        else
        {
            entry.Failed |= bit;
            ScheduleRetry();
        }
    }

    private bool HasDownstreamState(Addr group)
    {
        foreach (IMembershipView? view in _views)
        {
            if (view is not null && view.TryGetGroup(group, out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    private GroupEntry Rent(Addr group)
    {
        GroupEntry entry = _pool.Count > 0 ? _pool.Pop() : new GroupEntry(_map.UpstreamsByPriority.Length);
        _groups.Add(group, entry);
        return entry;
    }
}
