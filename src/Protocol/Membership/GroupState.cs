using System;

namespace McProxy.Protocol.Membership;

/// <summary>
/// Router-side record of one group on one interface (RFC 3376 §6.2.1, RFC 3810 §7.2): filter
/// mode, filter timer, source records sorted by address, older-host-present timers, query
/// retransmission state, tracked hosts, and the last view published to the proxy. All timers
/// are deadlines; objects are pooled and reused by <see cref="MembershipTable"/>.
/// </summary>
internal sealed partial class GroupState
{
    // Grown on first use: most groups are EXCLUDE {} with one host (issue 17: bytes per group).
    private SourceEntry[] _sources = [];
    private HostEntry[] _hosts = [];
    private Addr[] _published = [];
    private Addr[] _scratch = [];

    public Addr Group { get; private set; }

    /// <summary>The host whose report created the group (charged against its share of max_groups).</summary>
    public Addr Owner;

    public FilterMode Mode;

    /// <summary>Filter timer, running only in EXCLUDE mode.</summary>
    public long FilterDeadline;

    /// <summary>IGMPv1 host present timer (RFC 3376 §7.3.2).</summary>
    public long V1HostDeadline;

    /// <summary>IGMPv2 / MLDv1 host present timer (RFC 3376 §7.3.2, RFC 3810 §8.3.2).</summary>
    public long V2HostDeadline;

    /// <summary>Next group-specific query retransmission and how many are left (§6.6.3.1).</summary>
    public long GroupQueryDeadline;

    public int GroupQueriesLeft;

    /// <summary>Next group-and-source specific query round (§6.6.3.2).</summary>
    public long SourceQueryDeadline;

    /// <summary>Host tracking is incomplete (limit hit, or a report from an unspecified address): no fast leave.</summary>
    public bool HostsIncomplete;

    /// <summary>
    /// Fast leave hides the group from the proxy until this deadline (the end of its last
    /// member query round) or until someone reports interest again; Never = visible.
    /// </summary>
    public long HiddenUntil;

    /// <summary>The host whose leave started the running query round, for telling a forged leave (it answers) from a real one.</summary>
    public Addr Leaver;

    /// <summary>Until when an answer from <see cref="Leaver"/> proves its leave forged (LMQT after the leave); Never = none.</summary>
    public long LeaverUntil;

    /// <summary>Position in the interface's deadline heap, -1 when not in it.</summary>
    public int HeapIndex = -1;

    /// <summary>Cached minimum of all deadlines above (the heap key).</summary>
    public long NextDeadline = Deadline.Never;

    public int SourceCount { get; private set; }

    public int HostCount { get; private set; }

    public Span<SourceEntry> Sources => _sources.AsSpan(0, SourceCount);

    public ReadOnlySpan<HostEntry> Hosts => _hosts.AsSpan(0, HostCount);

    public bool IsHidden => HiddenUntil != Deadline.Never;

    /// <summary>INCLUDE with no sources: the group has no state and is deleted (RFC 3376 §6.2.1).</summary>
    public bool IsEmpty => Mode == FilterMode.Include && SourceCount == 0;

    /// <summary>Prepares a pooled object for <paramref name="group"/>: INCLUDE{}, no timers.</summary>
    public void Reset(Addr group, Addr owner)
    {
        Group = group;
        Owner = owner;
        Mode = FilterMode.Include;
        FilterDeadline = Deadline.Never;
        V1HostDeadline = Deadline.Never;
        V2HostDeadline = Deadline.Never;
        GroupQueryDeadline = Deadline.Never;
        GroupQueriesLeft = 0;
        SourceQueryDeadline = Deadline.Never;
        HostsIncomplete = false;
        HiddenUntil = Deadline.Never;
        Leaver = default;
        LeaverUntil = Deadline.Never;
        HeapIndex = -1;
        NextDeadline = Deadline.Never;
        SourceCount = 0;
        HostCount = 0;
        PublishedExists = false;
        PublishedMode = FilterMode.Include;
        PublishedCount = 0;
    }

    /// <summary>Binary search; the index, or the complement of the insertion point.</summary>
    public int IndexOf(Addr source)
    {
        int lo = 0;
        int hi = SourceCount - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = _sources[mid].Address.CompareTo(source);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <summary>Sources whose entry <paramref name="owner"/> created (its use of its share of max_sources_per_group).</summary>
    public int SourcesOwnedBy(Addr owner)
    {
        int n = 0;
        for (int i = 0; i < SourceCount; i++)
        {
            if (_sources[i].Owner == owner)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Inserts a new source at <paramref name="index"/> (from <see cref="IndexOf"/>), timer not running.</summary>
    public ref SourceEntry InsertAt(int index, Addr source, Addr owner)
    {
        if (SourceCount == _sources.Length)
        {
            Array.Resize(ref _sources, Math.Max(4, _sources.Length * 2));
        }

        Array.Copy(_sources, index, _sources, index + 1, SourceCount - index);
        SourceCount++;
        ref SourceEntry e = ref _sources[index];
        e = default;
        e.Address = source;
        e.Owner = owner;
        e.Deadline = Deadline.Never;
        return ref e;
    }

    /// <summary>Removes the entries flagged <see cref="SourceFlags.Delete"/> and clears all scratch flags.</summary>
    public void CompactAndClearFlags()
    {
        int w = 0;
        for (int r = 0; r < SourceCount; r++)
        {
            if ((_sources[r].Flags & SourceFlags.Delete) != 0)
            {
                continue;
            }

            _sources[w] = _sources[r];
            _sources[w].Flags = SourceFlags.None;
            w++;
        }

        SourceCount = w;
    }

    /// <summary>Minimum over every deadline of the group (O(sources)).</summary>
    public long ComputeNextDeadline()
    {
        long min = Math.Min(FilterDeadline, Math.Min(V1HostDeadline, V2HostDeadline));
        min = Math.Min(min, Math.Min(GroupQueryDeadline, SourceQueryDeadline));
        min = Math.Min(min, Math.Min(HiddenUntil, LeaverUntil));
        for (int i = 0; i < SourceCount; i++)
        {
            min = Math.Min(min, _sources[i].Deadline);
        }

        return min;
    }
}
