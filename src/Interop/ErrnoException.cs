using System;

namespace McProxy.Interop;

/// <summary>A set-up call failed; Program maps it to a sysexits code with one clear line.</summary>
internal sealed class ErrnoException : Exception
{
    public ErrnoException(string operation, Errno errno)
        : base($"{operation}: {errno.Describe()}")
    {
        Operation = operation;
        Errno = errno;
    }

    public string Operation { get; }

    public Errno Errno { get; }
}
