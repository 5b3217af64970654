using McProxy.Config.Model;

namespace McProxy.Config.Draft;

/// <summary>"pinstance X upstream|downstream IF|* in|out whitelist|blacklist table ..." as written.</summary>
internal sealed class DraftBinding
{
    public required DraftName Instance { get; init; }

    public required InterfaceRole Role { get; init; }

    /// <summary>Null for "*".</summary>
    public DraftName? Interface { get; init; }

    public SourcePos InterfacePos { get; init; }

    public required FilterDirection Direction { get; init; }

    public required FilterKind Kind { get; init; }

    public DraftName? TableRef { get; init; }

    public DraftTable? Inline { get; init; }
}
