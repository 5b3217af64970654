using System;
using System.Collections.Generic;

namespace McProxy.Protocol.Proxying;

// Upstream subscriptions the kernel refused (ENOBUFS, ENOMEM, a socket limit) are sent again,
// with exponential backoff, until they succeed or are no longer wanted: a failure is never
// recorded as done (issue 13 item 7). One deadline for all of them, not a timer per group.
internal sealed partial class ProxyInstance
{
    /// <summary>First retry after a failure, then doubled per failed round up to <see cref="RetryMaxMs"/>.</summary>
    public const long RetryMinMs = 1_000;

    public const long RetryMaxMs = 60_000;

    // long.MaxValue: nothing to retry; long.MinValue: a failure happened where `now` was not
    // known (the port's answer), so the next OnTimer (due at once) sets the real deadline.
    private long _retryAt = long.MaxValue;
    private long _retryDelay = RetryMinMs;
    private readonly List<Addr> _retryGroups = new();

    /// <summary>Groups with at least one upstream subscription waiting for a retry.</summary>
    public int PendingRetries
    {
        get
        {
            int n = 0;
            foreach (GroupEntry e in _groups.Values)
            {
                n += e.Failed != 0 ? 1 : 0;
            }

            return n;
        }
    }

    private void ScheduleRetry()
    {
        if (_retryAt == long.MaxValue)
        {
            _retryAt = long.MinValue;
        }
    }

    private void RetryFailed(long now)
    {
        if (_retryAt > now)
        {
            return;
        }

        if (_retryAt == long.MinValue)
        {
            _retryAt = now + _retryDelay;
            return;
        }

        _retryAt = long.MaxValue;
        _retryGroups.Clear();
        foreach (KeyValuePair<Addr, GroupEntry> g in _groups)
        {
            if (g.Value.Failed != 0)
            {
                _retryGroups.Add(g.Key);
            }
        }

        foreach (Addr group in _retryGroups)
        {
            UpdateSubscriptions(group);
        }

        if (_retryAt == long.MinValue)
        {
            _retryDelay = Math.Min(_retryDelay * 2, RetryMaxMs);
            _retryAt = now + _retryDelay;
        }
        else
        {
            _retryDelay = RetryMinMs;
        }
    }
}
