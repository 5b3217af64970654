using System;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime;

/// <summary>A set-up failure with a clear message and its sysexits code (e.g. 69 when another
/// multicast router holds the kernel table).</summary>
internal sealed class DaemonException : Exception
{
    public DaemonException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
