using System;

namespace McProxy.Protocol.Membership;

/// <summary>
/// The proxy-visible view of the group (what <see cref="IMembershipView"/> returns), kept as a
/// published copy. After every change the view is rebuilt into a scratch buffer and compared,
/// so listeners are told exactly when the visible state changes, never on timer refreshes.
/// </summary>
internal sealed partial class GroupState
{
    public bool PublishedExists { get; private set; }

    public FilterMode PublishedMode { get; private set; }

    public int PublishedCount { get; private set; }

    public ReadOnlySpan<Addr> PublishedSources => _published.AsSpan(0, PublishedCount);

    /// <summary>
    /// Rebuilds the view from the router state: INCLUDE with the sources whose timers run, or
    /// EXCLUDE with the excluded list Y. Compatibility modes (RFC 3376 §7.3.2, RFC 3810
    /// §8.3.2) only translate the messages of older hosts (a v2 report is IS_EX({}), which
    /// puts the group in EXCLUDE with a filter timer); they do not force a view, so when the
    /// older host leaves, the sources the remaining IGMPv3/MLDv2 listeners asked for count at
    /// once. Returns true when the view differs from the previous one.
    /// </summary>
    public bool Republish()
    {
        if (IsHidden)
        {
            return Unpublish();
        }

        FilterMode mode = Mode;
        int n = 0;
        if (_scratch.Length < SourceCount)
        {
            _scratch = new Addr[Math.Max(SourceCount, _scratch.Length * 2)];
        }

        bool wantRunning = Mode == FilterMode.Include;
        for (int i = 0; i < SourceCount; i++)
        {
            if (_sources[i].IsRunning == wantRunning)
            {
                _scratch[n++] = _sources[i].Address;
            }
        }

        if (PublishedExists && PublishedMode == mode &&
            _scratch.AsSpan(0, n).SequenceEqual(_published.AsSpan(0, PublishedCount)))
        {
            return false;
        }

        (_published, _scratch) = (_scratch, _published);
        PublishedExists = true;
        PublishedMode = mode;
        PublishedCount = n;
        return true;
    }

    /// <summary>Marks the group as gone from the view; true if it was visible.</summary>
    public bool Unpublish()
    {
        bool was = PublishedExists;
        PublishedExists = false;
        PublishedCount = 0;
        return was;
    }

    /// <summary>RFC 3376 §6.3 on the published view: INCLUDE forwards listed sources, EXCLUDE all but listed.</summary>
    public bool PublishedWants(Addr source)
    {
        if (!PublishedExists)
        {
            return false;
        }

        bool listed = PublishedSources.BinarySearch(source) >= 0;
        return PublishedMode == FilterMode.Include ? listed : !listed;
    }
}
