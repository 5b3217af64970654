namespace McProxy.Runtime.Logging;

/// <summary>Severity, ordered; values match syslog priorities.</summary>
internal enum LogLevel : byte
{
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,

    /// <summary>Below debug (per-packet detail); logged to syslog as debug.</summary>
    Trace = 8,
}
