using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using McProxy.Config.Model;
using McProxy.Protocol;
using McProxy.Protocol.Downstream;
using McProxy.Protocol.Membership;

namespace McProxy.Tests.Membership;

/// <summary>
/// A downstream interface with recording fakes and short names: sources "a".."h", hosts "h1".."h9",
/// groups "G" (239.1.1.1 / ff0e::101) and "G2".."G9". Families: "v4" (IGMPv3 unless told) or "v6" (MLDv2).
/// </summary>
internal sealed class Harness
{
    public Harness(string family, InterfaceSettings? settings = null, ProtocolVersion? protocol = null, bool start = true)
    {
        V6 = family == "v6";
        Protocol = protocol ?? (V6 ? ProtocolVersion.MLDv2 : ProtocolVersion.IGMPv3);
        Settings = settings ?? InterfaceSettings.Default;
        Iface = new DownstreamInterface(7, Protocol, Settings, Port, Listener);
        Iface.SetOwnAddress(Host("r5"));
        if (start)
        {
            Iface.Start(0);
            Port.Clear();
        }
    }

    public bool V6 { get; }

    public ProtocolVersion Protocol { get; }

    public InterfaceSettings Settings { get; }

    public RecordingQueryPort Port { get; } = new();

    public RecordingListener Listener { get; } = new();

    public DownstreamInterface Iface { get; }

    public long Now { get; private set; }

    public Addr G => Group("G");

    public Addr Group(string name)
    {
        int n = name == "G" ? 1 : int.Parse(name[1..]);
        return V6 ? Addr.Parse($"ff0e::{100 + n:x}") : Addr.FromV4(239, 1, 1, (byte)n);
    }

    /// <summary>"a".."z" → 10.0.0.1.. / 2001:db8::1..</summary>
    public Addr Source(string name)
    {
        int n = name[0] - 'a' + 1;
        return V6 ? Addr.Parse($"2001:db8::{n:x}") : Addr.FromV4(10, 0, 0, (byte)n);
    }

    /// <summary>"h1".. hosts → 192.168.1.x / fe80::x; "r1".."r9" routers → 192.168.1.20x / fe80::20x.</summary>
    public Addr Host(string name)
    {
        int n = int.Parse(name[1..]) + (name[0] == 'r' ? 200 : 0);
        return V6 ? Addr.Parse($"fe80::{n:x}") : Addr.FromV4(192, 168, 1, (byte)n);
    }

    public string NameOf(Addr source)
    {
        for (char c = 'a'; c <= 'z'; c++)
        {
            if (Source(c.ToString()) == source)
            {
                return c.ToString();
            }
        }

        return source.ToString();
    }

    public Addr[] Sources(string list) =>
        list.Length == 0 ? Array.Empty<Addr>() : list.Split(',').Select(Source).ToArray();

    /// <summary>Moves the clock: runs the timers due up to <paramref name="t"/> exactly as the event loop would.</summary>
    public void At(long t)
    {
        while (Iface.NextDeadline <= t)
        {
            long due = Iface.NextDeadline;
            Now = due;
            Port.Now = due;
            Iface.OnTimer(due);
        }

        Now = t;
        Port.Now = t;
    }

    public void Record(long t, string type, string sources, string group = "G", string host = "h1")
    {
        At(t);
        Iface.OnRecord(t, Host(host), ParseType(type), Group(group), Sources(sources));
    }

    public void V2Report(long t, string group = "G", string host = "h1")
    {
        At(t);
        Iface.OnV2Report(t, Host(host), Group(group));
    }

    public void V1Report(long t, string group = "G", string host = "h1")
    {
        At(t);
        Iface.OnV1Report(t, Host(host), Group(group));
    }

    public void Leave(long t, string group = "G", string host = "h1")
    {
        At(t);
        Iface.OnLeave(t, Host(host), Group(group));
    }

    public void Query(long t, string from, QueryMessage q, params Addr[] sources)
    {
        At(t);
        Iface.OnQuery(t, Host(from), q, sources);
    }

    public static RecordType ParseType(string type) => type switch
    {
        "IS_IN" => RecordType.ModeIsInclude,
        "IS_EX" => RecordType.ModeIsExclude,
        "TO_IN" => RecordType.ChangeToInclude,
        "TO_EX" => RecordType.ChangeToExclude,
        "ALLOW" => RecordType.AllowNewSources,
        "BLOCK" => RecordType.BlockOldSources,
        _ => throw new ArgumentException(type),
    };

    public GroupStatus? Status(string group = "G") => Iface.GetGroupStatus(Now, Group(group));

    /// <summary>The proxy's view: "none", "IN{a,b}" or "EX{c}".</summary>
    public string View(string group = "G")
    {
        if (!Iface.TryGetGroup(Group(group), out FilterMode mode, out ReadOnlySpan<Addr> sources))
        {
            return "none";
        }

        var names = new List<string>();
        foreach (Addr s in sources)
        {
            names.Add(NameOf(s));
        }

        return (mode == FilterMode.Include ? "IN{" : "EX{") + string.Join(",", names) + "}";
    }

    /// <summary>
    /// Router state as "IN{a:260000,b:2000}" or "EX{a:..|c,d} FT=..." with remaining timers,
    /// each replaced by a symbol from <paramref name="symbols"/> when it matches one.
    /// </summary>
    public string Describe(IReadOnlyDictionary<long, string> symbols, string group = "G")
    {
        GroupStatus? s = Status(group);
        if (s is null)
        {
            return "none";
        }

        string Sym(long ms) => symbols.TryGetValue(ms, out string? n) ? n : ms.ToString();
        var sb = new StringBuilder(s.Mode == FilterMode.Include ? "IN{" : "EX{");
        string x = string.Join(",", s.Sources.Where(e => e.TimerMs > 0).Select(e => NameOf(e.Source) + ":" + Sym(e.TimerMs)));
        string y = string.Join(",", s.Sources.Where(e => e.TimerMs == 0).Select(e => NameOf(e.Source)));
        sb.Append(x);
        if (s.Mode == FilterMode.Exclude)
        {
            sb.Append('|').Append(y).Append("} FT=").Append(Sym(s.FilterTimerMs));
        }
        else
        {
            sb.Append('}');
        }

        return sb.ToString();
    }

    public string Queries() => Port.Describe(NameOf);

    public static InterfaceSettings With(
        bool fastLeave = false,
        int maxGroups = 1024,
        int maxSources = 256,
        int maxHosts = 64,
        int hostShare = 25) =>
        InterfaceSettings.Default with
        {
            FastLeave = fastLeave,
            MaxGroups = maxGroups,
            MaxSourcesPerGroup = maxSources,
            MaxHostsPerGroup = maxHosts,
            HostSharePercent = hostShare,
        };
}
