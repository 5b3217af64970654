using System;
using System.Collections.Generic;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Instance;
using McProxy.Protocol.Membership;
using McProxy.Protocol.Proxying;
using McProxy.Protocol.Routing;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>
/// Copies the state of running instances into a <see cref="StatusSnapshot"/>. Allocates (a
/// status request is rare: every 2 s with -s, or on demand), never touches the packet path.
/// </summary>
internal static class StatusBuilder
{
    public static StatusSnapshot Build(string version, string protocol, string configPath, long uptimeMs,
        IReadOnlyList<InstanceRuntime> instances, long now, long handlerErrors = 0, long failedReloads = 0)
    {
        var list = new List<InstanceSnapshot>(instances.Count);
        foreach (InstanceRuntime instance in instances)
        {
            list.Add(Build(instance, now));
        }

        return new StatusSnapshot(version, protocol, configPath, Environment.ProcessId, uptimeMs, list, handlerErrors, failedReloads);
    }

    public static InstanceSnapshot Build(InstanceRuntime instance, long now)
    {
        InstanceCore core = instance.Core;
        ProxyInstance proxy = core.Proxy;
        var interfaces = new List<InterfaceSnapshot>(core.InterfaceCount);
        for (int id = 0; id < core.InterfaceCount; id++)
        {
            interfaces.Add(BuildInterface(instance, id, now));
        }

        var routes = new List<RouteSnapshot>();
        foreach (RouteStatus r in proxy.GetRoutes())
        {
            bool known = instance.TryGetRouteCounters(r.Source, r.Group, out RouteCounters c);
            routes.Add(new RouteSnapshot(r.Source, r.Group, r.InputId, r.OutputMask, known, c.Packets, c.Bytes, c.WrongIf,
                Math.Max(0, r.NextCheck - now)));
        }

        routes.Sort((a, b) => a.Group != b.Group ? a.Group.CompareTo(b.Group) : a.Source.CompareTo(b.Source));
        var subscriptions = new List<SubscriptionStatus>(proxy.GetSubscriptions());
        subscriptions.Sort((a, b) => a.UpstreamId != b.UpstreamId
            ? proxy.UpstreamPriority(a.UpstreamId).CompareTo(proxy.UpstreamPriority(b.UpstreamId))
            : a.Group.CompareTo(b.Group));
        return new InstanceSnapshot(instance.Name, instance.Table, instance.Family, interfaces,
            proxy.UpstreamIds.ToArray(), subscriptions, routes, core.Drops, proxy.RoutesEvicted);
    }

    private static InterfaceSnapshot BuildInterface(InstanceRuntime instance, int id, long now)
    {
        InstanceCore core = instance.Core;
        ProxyInstance proxy = core.Proxy;
        DownstreamInterface? d = core.DownstreamOf(id);
        QuerierStatus? querier = d?.GetQuerierStatus(now);
        IReadOnlyList<GroupStatus> groups = d is null ? Array.Empty<GroupStatus>() : d.GetGroupStatus(now);
        InterfaceCounters? counters = d is null ? null : InterfaceCounters.From(d.Counters);
        return new InterfaceSnapshot(id, proxy.NameOf(id), core.IfIndexOf(id), proxy.IsUpstream(id), proxy.IsDownstream(id),
            proxy.IsUpstream(id) ? proxy.UpstreamPriority(id) + 1 : 0, querier, groups, counters)
        {
            Drops = core.DropsOf(id).ToArray(),
            HostVersion = proxy.IsUpstream(id) && instance.Family == IpFamily.V4 && core.IfIndexOf(id) > 0
                ? ProcIgmp.HostVersion(proxy.NameOf(id)) : null,
        };
    }
}
