using System.Text;
using McProxy.Protocol;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Membership;
using McProxy.Protocol.Proxying;
using McProxy.Protocol.Wire;
using McProxy.Runtime.Loop;
using F = McProxy.Runtime.Status.StatusFormat;

namespace McProxy.Runtime.Status;

/// <summary>
/// The human-readable status: -s output, the SIGUSR1 dump and 'mcproxy show'. One line per fact,
/// "##-- ... --##" headings per instance, fields separated by two spaces. Detail 0 is the
/// overview, 1 (-v) adds sources, timers and counters, 2 (-vv) adds hosts and every drop reason.
/// The format is documented in docs/status.md; change both together.
/// </summary>
internal static class StatusTextWriter
{
    public static string Write(StatusSnapshot s, StatusSection section, int detail)
    {
        var b = new StringBuilder(1024);
        if (section == StatusSection.Status)
        {
            b.Append("##-- mcproxy status --##\n");
            b.Append($"mcproxy {s.Version}  protocol {s.Protocol}  config {s.ConfigPath}  pid {s.Pid}  up {F.Seconds(s.UptimeMs)}  instances {s.Instances.Count}\n");
            if (s.HandlerErrors > 0 || s.FailedReloads > 0 || detail >= 2)
            {
                // Internal errors survived (logged) and reloads refused: a reason to read the log.
                b.Append($"handler errors {s.HandlerErrors}  failed reloads {s.FailedReloads}\n");
            }
        }

        foreach (InstanceSnapshot i in s.Instances)
        {
            b.Append('\n').Append($"##-- instance {i.Name} (table {i.Table}, {F.Family(i.Family)}) --##\n");
            switch (section)
            {
                case StatusSection.Groups:
                    WriteDownstreams(b, i, detail, querier: false, groups: true, counters: false);
                    break;
                case StatusSection.Routes:
                    WriteRoutes(b, i, detail);
                    break;
                case StatusSection.Interfaces:
                    WriteInterfaces(b, i);
                    WriteDownstreams(b, i, detail, querier: true, groups: false, counters: true);
                    WriteDrops(b, i, detail);
                    break;
                default:
                    WriteInterfaces(b, i);
                    WriteUpstreams(b, i);
                    WriteDownstreams(b, i, detail, querier: true, groups: true, counters: detail >= 1);
                    WriteRoutes(b, i, detail);
                    if (detail >= 1)
                    {
                        WriteDrops(b, i, detail);
                    }

                    break;
            }
        }

        return b.ToString();
    }

    private static void WriteInterfaces(StringBuilder b, InstanceSnapshot i)
    {
        b.Append("interfaces:\n");
        foreach (InterfaceSnapshot f in i.Interfaces)
        {
            b.Append($"  vif {f.Vif}  {f.Name}  ifindex {(f.IsAttached ? f.IfIndex.ToString() : "-")}  {f.Role}");
            if (f.IsUpstream)
            {
                b.Append($"  priority {f.UpstreamPriority}");
            }

            if (f.HostVersion is not null)
            {
                b.Append($"  host side {f.HostVersion}");
            }

            b.Append(f.IsAttached ? "  up\n" : "  waiting (missing or down)\n");
        }
    }

    private static void WriteUpstreams(StringBuilder b, InstanceSnapshot i)
    {
        b.Append("upstreams (priority order):\n");
        foreach (int vif in i.UpstreamsByPriority)
        {
            InterfaceSnapshot up = i.Interfaces[vif];
            string prefix = $"  {up.UpstreamPriority}  {up.Name} (vif {vif})";
            bool any = false;
            foreach (SubscriptionStatus sub in i.Subscriptions)
            {
                if (sub.UpstreamId == vif)
                {
                    b.Append($"{prefix}  {sub.Group}  {F.Mode(sub.Mode)}  {F.Sources(sub.Sources)}\n");
                    any = true;
                }
            }

            if (!any)
            {
                b.Append($"{prefix}  nothing subscribed\n");
            }
        }
    }

    private static void WriteDownstreams(StringBuilder b, InstanceSnapshot i, int detail, bool querier, bool groups, bool counters)
    {
        foreach (InterfaceSnapshot f in i.Interfaces)
        {
            if (!f.IsDownstream)
            {
                continue;
            }

            b.Append($"downstream {f.Name} (vif {f.Vif}, ifindex {(f.IsAttached ? f.IfIndex.ToString() : "-")}):\n");
            if (f.Querier is null)
            {
                b.Append("  not running (interface missing or down)\n");
                continue;
            }

            if (querier)
            {
                WriteQuerier(b, f.Querier, detail);
            }

            if (groups)
            {
                b.Append($"  groups: {f.Groups.Count}\n");
                foreach (GroupStatus g in f.Groups)
                {
                    WriteGroup(b, g, detail);
                }
            }

            if (counters && f.Counters is not null)
            {
                WriteCounters(b, f.Counters);
                WriteInterfaceDrops(b, f.Drops);
            }
        }
    }

    private static void WriteQuerier(StringBuilder b, QuerierStatus q, int detail)
    {
        b.Append($"  querier: {q.QueryVersion.Name()}  ");
        b.Append(q.IsQuerier
            ? $"querier  own address {F.Address(q.OwnAddress)}  general query in {F.Seconds(q.NextGeneralQueryMs)}"
            : $"non-querier  querier {F.Address(q.OtherQuerier)}  other querier present {F.Seconds(q.OtherQuerierTimerMs)}");
        b.Append($"  startup queries left {q.StartupQueriesLeft}\n");
        if (detail >= 1)
        {
            b.Append($"  querier timers: robustness {q.Robustness}  query interval {F.Seconds(q.QueryIntervalMs)}");
            b.Append(q.IsQuerier ? string.Empty : $"  own address {F.Address(q.OwnAddress)}");
            b.Append('\n');
        }
    }

    private static void WriteGroup(StringBuilder b, GroupStatus g, int detail)
    {
        b.Append($"  group {g.Group}  {F.Mode(g.Mode)}");
        if (g.Mode == FilterMode.Exclude)
        {
            b.Append($"  timer {F.Seconds(g.FilterTimerMs)}");
        }

        b.Append($"  compat {g.CompatVersion.Name()}");
        if (g.OlderHostTimerMs > 0)
        {
            b.Append($"  older host {F.Seconds(g.OlderHostTimerMs)}");
        }

        b.Append($"  sources {g.Sources.Length}\n");
        if (detail < 1)
        {
            return;
        }

        foreach (SourceStatus src in g.Sources)
        {
            // RFC 3376 §6.2.1: in EXCLUDE mode a source with a running timer is "requested",
            // one without is in the exclude list (blocked).
            b.Append(g.Mode == FilterMode.Exclude && src.TimerMs == 0
                ? $"    source {src.Source}  excluded\n"
                : $"    source {src.Source}  timer {F.Seconds(src.TimerMs)}\n");
        }

        b.Append($"    forwarded {F.Mode(g.ViewMode)}  {F.Sources(g.ViewSources)}\n");
        if (detail >= 2)
        {
            b.Append($"    hosts {g.Hosts.Length}{(g.HostsIncomplete ? "+ (incomplete)" : string.Empty)}");
            foreach (Addr h in g.Hosts)
            {
                b.Append("  ").Append(h.ToString());
            }

            b.Append($"\n    group queries left {g.GroupQueriesLeft}\n");
        }
    }

    private static void WriteCounters(StringBuilder b, InterfaceCounters c)
    {
        b.Append($"  counters: reports {c.Records}  old reports {c.OldReports}  leaves {c.Leaves}  queries received {c.QueriesReceived}");
        b.Append($"  queries sent {c.QueriesSent}  ignored {c.Ignored}  limits hit {c.LimitHits}");
        b.Append($" (groups {c.GroupLimitHits}, sources {c.SourceLimitHits}, hosts {c.HostLimitHits}, host share {c.HostShareHits})  fast leaves {c.FastLeaves}");
        b.Append($"  forged leaves {c.ForgedLeaves}  older queries {c.OlderQueries}  foreign queries {c.ForeignQueries}  own reports {c.OwnReports}\n");
    }

    private static void WriteRoutes(StringBuilder b, InstanceSnapshot i, int detail)
    {
        b.Append($"routes: {i.Routes.Count}");
        b.Append(i.RoutesEvicted > 0 ? $"  evicted {i.RoutesEvicted} (max_routes)\n" : "\n");
        foreach (RouteSnapshot r in i.Routes)
        {
            b.Append($"  ({r.Source}, {r.Group})  iif {i.NameOf(r.InputVif)} (vif {r.InputVif})  oifs {F.Outputs(i, r.OutputMask)}");
            b.Append(r.HasCounters ? $"  packets {r.Packets}  bytes {r.Bytes}  wrong-if {r.WrongIf}\n" : "  packets -  bytes -  wrong-if -\n");
            if (detail >= 1)
            {
                b.Append($"    next idle check {F.Seconds(r.NextCheckMs)}\n");
            }
        }
    }

    /// <summary>"  dropped: bad-checksum 3  truncated 1" for one interface (nothing when none were dropped).</summary>
    private static void WriteInterfaceDrops(StringBuilder b, long[] drops)
    {
        bool any = false;
        for (int reason = 1; reason < drops.Length; reason++)
        {
            if (drops[reason] > 0)
            {
                b.Append(any ? "  " : "  dropped: ").Append(((DropReason)reason).Name()).Append(' ').Append(drops[reason]);
                any = true;
            }
        }

        if (any)
        {
            b.Append('\n');
        }
    }

    private static void WriteDrops(StringBuilder b, InstanceSnapshot i, int detail)
    {
        long total = 0;
        foreach (long n in i.Drops)
        {
            total += n;
        }

        b.Append($"drops: {total}\n");
        for (int reason = 1; reason < i.Drops.Length; reason++)
        {
            if (i.Drops[reason] > 0 || detail >= 2)
            {
                b.Append($"  {((DropReason)reason).Name()} {i.Drops[reason]}\n");
            }
        }
    }
}
