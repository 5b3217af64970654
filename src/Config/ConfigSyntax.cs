namespace McProxy.Config;

/// <summary>The three configuration languages.</summary>
internal enum ConfigSyntax : byte
{
    /// <summary>0.x/1.0 line syntax: "protocol X" and "UP ==> DOWN..." lines.</summary>
    Line,

    /// <summary>mcproxy 1.x statements ending in ';'.</summary>
    Statement,

    /// <summary>TOML 1.1, read with Tomlyn (see docs/configuration.md).</summary>
    Toml,
}
