using System;

namespace McProxy.Cli;

/// <summary>A command-line mistake: printed as one line plus "see -h", exit 64.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
