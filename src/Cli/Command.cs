namespace McProxy.Cli;

/// <summary>What the command line asks for.</summary>
internal enum Command : byte
{
    /// <summary>Run the proxy daemon (needs root).</summary>
    Run,
    Help,
    Version,

    /// <summary>-c: report kernel features and exit.</summary>
    KernelCheck,

    /// <summary>-t: read and validate the configuration, print it in canonical form, exit.</summary>
    ConfigCheck,

    /// <summary>"show status|groups|routes|interfaces [--json]": ask a running daemon.</summary>
    Show,

    /// <summary>"reload": ask a running daemon to re-read its configuration.</summary>
    Reload,
}
