using System;

namespace McProxy.Runtime.Logging;

/// <summary>Where formatted log lines go (stderr, syslog; a list in tests).</summary>
internal interface ILogSink
{
    void Write(LogLevel level, ReadOnlySpan<char> line);
}
