using System;
using System.Collections.Generic;

namespace McProxy.Config;

/// <summary>One configuration mistake with its place: "file:line:column: message".
/// Line and column are 1-based; 0 means unknown (then omitted when printed).</summary>
internal sealed record ConfigDiagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        Line <= 0 ? $"{File}: {Message}"
        : Column <= 0 ? $"{File}:{Line}: {Message}"
        : $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>The configuration could not be loaded; carries every diagnostic found (exit 78).</summary>
internal sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "invalid configuration")
    {
        Diagnostics = diagnostics;
    }

    public ConfigException(ConfigDiagnostic diagnostic)
        : this(new[] { diagnostic })
    {
    }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }
}
