using System.Collections.Generic;
using McProxy.Config.Model;

namespace McProxy.Config.Draft;

/// <summary>
/// A configuration as a reader saw it, before validation: every element keeps its place so
/// the validator can say file:line:column. All three readers produce this; only
/// <see cref="ConfigValidator"/> turns it into the immutable <see cref="ProxyConfig"/>.
/// </summary>
internal sealed class DraftConfig
{
    public DraftConfig(string file)
    {
        File = file;
    }

    public string File { get; }

    public ProtocolVersion? Protocol { get; set; }

    public SourcePos ProtocolPos { get; set; }

    /// <summary>Used when no protocol is written (1.x: IGMPv3, legacy: IGMPv2).</summary>
    public ProtocolVersion DefaultProtocol { get; set; } = ProtocolVersion.IGMPv3;

    public List<DraftInstance> Instances { get; } = new();

    public List<DraftTable> Tables { get; } = new();

    public List<DraftBinding> Bindings { get; } = new();

    public List<DraftRuleMatching> RuleMatchings { get; } = new();

    public bool Disabled { get; set; }

    public bool ProxySsdp { get; set; }

    /// <summary>TOML "user": whom to run as after set-up.</summary>
    public string? User { get; set; }

    public DraftSettings? Defaults { get; set; }

    public List<KeyValuePair<DraftName, DraftSettings>> InterfaceSettings { get; } = new();
}
