using System;

namespace McProxy.Runtime.Loop;

/// <summary>Waits for readable descriptors: poll(2) in production, scripted in tests.</summary>
internal interface IPoller
{
    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> (-1 = forever) until one of <paramref name="fds"/> is
    /// readable (or has an error/hang-up); sets ready[i] for those. Returns the ready count
    /// (0 on timeout or interruption by a signal).
    /// </summary>
    int Wait(ReadOnlySpan<int> fds, Span<bool> ready, int timeoutMs);
}
