using System;

namespace McProxy.Runtime;

/// <summary>Where formatted log lines go (stderr, syslog; a list in tests).</summary>
internal interface ILogSink
{
    void Write(LogLevel level, ReadOnlySpan<char> line);
}
