using System.Collections.Generic;

namespace McProxy.Config.Draft;

/// <summary>An instance definition as written.</summary>
internal sealed class DraftInstance
{
    public DraftInstance(string name, SourcePos pos)
    {
        Name = name;
        Pos = pos;
    }

    public string Name { get; }

    public SourcePos Pos { get; }

    public int? TableNumber { get; set; }

    public SourcePos TableNumberPos { get; set; }

    public List<DraftName> Upstreams { get; } = new();

    public List<DraftName> Downstreams { get; } = new();

    /// <summary>Place to report "no downstream" (the arrow, or the key).</summary>
    public SourcePos DownstreamsPos { get; set; }

    /// <summary>Querier settings for this instance's interfaces (TOML only).</summary>
    public DraftSettings? Settings { get; set; }

    /// <summary>The ordered first-match group list (TOML "groups"); null when not written.</summary>
    public List<DraftGroupEntry>? Groups { get; set; }

    public SourcePos GroupsPos { get; set; }

    /// <summary>TOML "proxy_ssdp" of this instance; null = the top-level value.</summary>
    public Setting<bool>? ProxySsdp { get; set; }
}
