using System.Collections.Generic;

namespace McProxy.Runtime.Logging;

/// <summary>
/// Lets a repetitive message (one key: e.g. "bad checksum from 10.0.0.9 on eth1") through at most
/// once per interval, and reports how many were suppressed when it next lets it through.
/// Bounded: at most <see cref="MaxKeys"/> keys are remembered (a flood of distinct sources must
/// not grow memory); past that, new keys share one bucket.
/// </summary>
internal sealed class RateLimiter
{
    public const int MaxKeys = 256;
    private const string OverflowKey = "\0overflow";
    private readonly long _intervalMs;
    private readonly Dictionary<string, (long Until, long Suppressed)> _keys = new();

    public RateLimiter(long intervalMs)
    {
        _intervalMs = intervalMs;
    }

    /// <summary>True if the message may be logged now; <paramref name="suppressed"/> = how many
    /// were dropped since the last one let through.</summary>
    public bool Allow(string key, long now, out long suppressed)
    {
        if (!_keys.ContainsKey(key) && _keys.Count >= MaxKeys)
        {
            key = OverflowKey;
        }

        if (_keys.TryGetValue(key, out var state) && now < state.Until)
        {
            _keys[key] = (state.Until, state.Suppressed + 1);
            suppressed = 0;
            return false;
        }

        suppressed = state.Suppressed;
        if (_keys.Count >= MaxKeys)
        {
            // Forget expired keys before remembering a new one.
            var expired = new List<string>();
            foreach (var kv in _keys)
            {
                if (kv.Value.Until <= now)
                {
                    expired.Add(kv.Key);
                }
            }

            foreach (string k in expired)
            {
                _keys.Remove(k);
            }
        }

        _keys[key] = (now + _intervalMs, 0);
        return true;
    }
}
