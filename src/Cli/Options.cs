using System.Collections.Generic;

namespace McProxy.Cli;

/// <summary>The parsed command line.</summary>
internal sealed record Options(
    Command Command,
    string ConfigPath,
    bool ConfigPathGiven,
    bool ResetRpFilter,
    bool Debug,
    bool Status,
    int Verbosity,
    string? User,
    string? ShowWhat,
    bool Json,
    IReadOnlyList<string> Warnings)
{
    /// <summary>mcproxy's default: mcproxy.conf in the working directory.</summary>
    public const string DefaultConfigPath = "mcproxy.conf";
}
