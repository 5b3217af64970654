using System;
using System.Collections.Generic;
using McProxy.Protocol.Routing;

namespace McProxy.Protocol.Proxying;

// Status access for the daemon's status output (allocates; not a hot path).
internal sealed partial class ProxyInstance
{
    /// <summary>Every installed route with its input, outputs, last packet count and next check.</summary>
    public IReadOnlyList<RouteStatus> GetRoutes() => _routes.Snapshot();

    /// <summary>Every non-empty subscription applied on an upstream.</summary>
    public IReadOnlyList<SubscriptionStatus> GetSubscriptions()
    {
        var list = new List<SubscriptionStatus>();
        ReadOnlySpan<int> ups = _map.UpstreamsByPriority;
        foreach (KeyValuePair<Addr, GroupEntry> kv in _groups)
        {
            for (int p = 0; p < ups.Length; p++)
            {
                SourceSet s = kv.Value.Applied[p];
                if (!s.IsEmpty)
                {
                    list.Add(new SubscriptionStatus(ups[p], kv.Key, s.Mode, s.Sources.ToArray()));
                }
            }
        }

        return list;
    }

    /// <summary>The subscription last applied on an upstream for a group; false when not subscribed.</summary>
    public bool TryGetSubscription(int upstreamId, Addr group, out FilterMode mode, out ReadOnlySpan<Addr> sources)
    {
        mode = FilterMode.Include;
        sources = default;
        int p = _map.PriorityOf(upstreamId);
        if (p < 0 || !_groups.TryGetValue(group, out GroupEntry? entry) || entry.Applied[p].IsEmpty)
        {
            return false;
        }

        mode = entry.Applied[p].Mode;
        sources = entry.Applied[p].Sources;
        return true;
    }
}
