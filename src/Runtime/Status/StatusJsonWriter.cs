using System.Collections.Generic;
using System.IO;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Membership;
using McProxy.Protocol.Proxying;
using McProxy.Protocol.Wire;
using McProxy.Runtime.Loop;
using F = McProxy.Runtime.Status.StatusFormat;

namespace McProxy.Runtime.Status;

/// <summary>
/// The status as JSON for scripts ('mcproxy show ... --json'), written by hand with
/// <see cref="JsonTextWriter"/> (no reflection serializer: AOT and trimming safe). Always full
/// detail; times in milliseconds (keys ending in _ms), addresses as text, names in snake_case.
/// The shape is documented in docs/status.md.
/// </summary>
internal static class StatusJsonWriter
{
    public static byte[] Write(StatusSnapshot s, StatusSection section)
    {
        var w = new JsonTextWriter();
        {
            w.WriteStartObject();
            w.WriteString("version", s.Version);
            w.WriteString("protocol", s.Protocol);
            w.WriteString("config", s.ConfigPath);
            w.WriteNumber("pid", s.Pid);
            w.WriteNumber("uptime_ms", s.UptimeMs);
            w.WriteNumber("handler_errors", s.HandlerErrors);
            w.WriteNumber("failed_reloads", s.FailedReloads);
            w.WriteString("section", section.Name());
            w.WriteStartArray("instances");
            foreach (InstanceSnapshot i in s.Instances)
            {
                WriteInstance(w, i, section);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return w.ToUtf8();
    }

    private static void WriteInstance(JsonTextWriter w, InstanceSnapshot i, StatusSection section)
    {
        w.WriteStartObject();
        w.WriteString("name", i.Name);
        w.WriteNumber("table", i.Table);
        w.WriteString("family", i.Family == IpFamily.V4 ? "ipv4" : "ipv6");
        bool all = section == StatusSection.Status;
        if (all || section == StatusSection.Interfaces)
        {
            WriteInterfaces(w, i);
        }

        if (all)
        {
            WriteUpstreams(w, i);
        }

        if (all || section == StatusSection.Groups)
        {
            WriteGroups(w, i);
        }

        if (all || section == StatusSection.Routes)
        {
            WriteRoutes(w, i);
        }

        if (all || section == StatusSection.Interfaces)
        {
            WriteDrops(w, i);
        }

        w.WriteEndObject();
    }

    private static void WriteInterfaces(JsonTextWriter w, InstanceSnapshot i)
    {
        w.WriteStartArray("interfaces");
        foreach (InterfaceSnapshot f in i.Interfaces)
        {
            w.WriteStartObject();
            w.WriteNumber("vif", f.Vif);
            w.WriteString("name", f.Name);
            w.WriteNumber("ifindex", f.IfIndex);
            w.WriteBoolean("attached", f.IsAttached);
            w.WriteString("role", f.Role);
            if (f.IsUpstream)
            {
                w.WriteNumber("priority", f.UpstreamPriority);
            }

            if (f.HostVersion is not null)
            {
                w.WriteString("host_version", f.HostVersion);
            }

            if (f.Querier is not null)
            {
                WriteQuerier(w, f.Querier);
            }

            if (f.Counters is not null)
            {
                WriteCounters(w, f.Counters);
            }

            WriteDropCounts(w, f.Drops);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteQuerier(JsonTextWriter w, QuerierStatus q)
    {
        w.WriteStartObject("querier");
        w.WriteString("version", q.QueryVersion.Name());
        w.WriteBoolean("is_querier", q.IsQuerier);
        WriteAddressOrNull(w, "own_address", q.OwnAddress);
        WriteAddressOrNull(w, "other_querier", q.OtherQuerier);
        w.WriteNumber("other_querier_timer_ms", q.OtherQuerierTimerMs);
        w.WriteNumber("startup_queries_left", q.StartupQueriesLeft);
        w.WriteNumber("next_general_query_ms", q.NextGeneralQueryMs);
        w.WriteNumber("robustness", q.Robustness);
        w.WriteNumber("query_interval_ms", q.QueryIntervalMs);
        w.WriteEndObject();
    }

    private static void WriteCounters(JsonTextWriter w, InterfaceCounters c)
    {
        w.WriteStartObject("counters");
        w.WriteNumber("reports", c.Records);
        w.WriteNumber("old_reports", c.OldReports);
        w.WriteNumber("leaves", c.Leaves);
        w.WriteNumber("queries_received", c.QueriesReceived);
        w.WriteNumber("queries_sent", c.QueriesSent);
        w.WriteNumber("ignored", c.Ignored);
        w.WriteNumber("limits_hit", c.LimitHits);
        w.WriteNumber("group_limit_hits", c.GroupLimitHits);
        w.WriteNumber("source_limit_hits", c.SourceLimitHits);
        w.WriteNumber("host_limit_hits", c.HostLimitHits);
        w.WriteNumber("host_share_hits", c.HostShareHits);
        w.WriteNumber("fast_leaves", c.FastLeaves);
        w.WriteNumber("forged_leaves", c.ForgedLeaves);
        w.WriteNumber("older_queries", c.OlderQueries);
        w.WriteNumber("foreign_queries", c.ForeignQueries);
        w.WriteNumber("own_reports", c.OwnReports);
        w.WriteEndObject();
    }

    private static void WriteUpstreams(JsonTextWriter w, InstanceSnapshot i)
    {
        w.WriteStartArray("upstreams");
        foreach (int vif in i.UpstreamsByPriority)
        {
            InterfaceSnapshot up = i.Interfaces[vif];
            w.WriteStartObject();
            w.WriteString("interface", up.Name);
            w.WriteNumber("vif", vif);
            w.WriteNumber("priority", up.UpstreamPriority);
            w.WriteStartArray("subscriptions");
            foreach (SubscriptionStatus sub in i.Subscriptions)
            {
                if (sub.UpstreamId == vif)
                {
                    w.WriteStartObject();
                    w.WriteString("group", sub.Group.ToString());
                    w.WriteString("mode", F.ModeJson(sub.Mode));
                    WriteAddresses(w, "sources", sub.Sources);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteGroups(JsonTextWriter w, InstanceSnapshot i)
    {
        w.WriteStartArray("groups");
        foreach (InterfaceSnapshot f in i.Interfaces)
        {
            foreach (GroupStatus g in f.Groups)
            {
                WriteGroup(w, f, g);
            }
        }

        w.WriteEndArray();
    }

    private static void WriteGroup(JsonTextWriter w, InterfaceSnapshot f, GroupStatus g)
    {
        w.WriteStartObject();
        w.WriteString("interface", f.Name);
        w.WriteNumber("vif", f.Vif);
        w.WriteString("group", g.Group.ToString());
        w.WriteString("mode", F.ModeJson(g.Mode));
        w.WriteNumber("filter_timer_ms", g.FilterTimerMs);
        w.WriteString("compat", g.CompatVersion.Name());
        w.WriteNumber("older_host_timer_ms", g.OlderHostTimerMs);
        w.WriteStartArray("sources");
        foreach (SourceStatus src in g.Sources)
        {
            w.WriteStartObject();
            w.WriteString("address", src.Source.ToString());
            w.WriteNumber("timer_ms", src.TimerMs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("forwarded");
        w.WriteString("mode", F.ModeJson(g.ViewMode));
        WriteAddresses(w, "sources", g.ViewSources);
        w.WriteEndObject();
        WriteAddresses(w, "hosts", g.Hosts);
        w.WriteBoolean("hosts_incomplete", g.HostsIncomplete);
        w.WriteNumber("group_queries_left", g.GroupQueriesLeft);
        w.WriteEndObject();
    }

    private static void WriteRoutes(JsonTextWriter w, InstanceSnapshot i)
    {
        w.WriteNumber("routes_evicted", i.RoutesEvicted);
        w.WriteStartArray("routes");
        foreach (RouteSnapshot r in i.Routes)
        {
            w.WriteStartObject();
            w.WriteString("source", r.Source.ToString());
            w.WriteString("group", r.Group.ToString());
            w.WriteString("input", i.NameOf(r.InputVif));
            w.WriteNumber("input_vif", r.InputVif);
            w.WriteStartArray("outputs");
            for (int vif = 0; vif < 32; vif++)
            {
                if ((r.OutputMask & (1u << vif)) != 0)
                {
                    w.WriteStartObject();
                    w.WriteString("name", i.NameOf(vif));
                    w.WriteNumber("vif", vif);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            WriteCounterOrNull(w, "packets", r.HasCounters, r.Packets);
            WriteCounterOrNull(w, "bytes", r.HasCounters, r.Bytes);
            WriteCounterOrNull(w, "wrong_if", r.HasCounters, r.WrongIf);
            w.WriteNumber("next_check_ms", r.NextCheckMs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteDrops(JsonTextWriter w, InstanceSnapshot i) => WriteDropCounts(w, i.Drops);

    /// <summary>"drops": { reason: count, ... } (every reason, zeros included, for stable keys).</summary>
    private static void WriteDropCounts(JsonTextWriter w, long[] drops)
    {
        w.WriteStartObject("drops");
        for (int reason = 1; reason < drops.Length; reason++)
        {
            w.WriteNumber(((DropReason)reason).Name(), drops[reason]);
        }

        w.WriteEndObject();
    }

    private static void WriteAddresses(JsonTextWriter w, string name, IReadOnlyList<Addr> addresses)
    {
        w.WriteStartArray(name);
        foreach (Addr a in addresses)
        {
            w.WriteStringValue(a.ToString());
        }

        w.WriteEndArray();
    }

    private static void WriteAddressOrNull(JsonTextWriter w, string name, Addr a)
    {
        if (a == Addr.None || a.IsUnspecified)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, a.ToString());
        }
    }

    private static void WriteCounterOrNull(JsonTextWriter w, string name, bool known, ulong value)
    {
        if (known)
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
