namespace McProxy.Protocol.Routing;

/// <summary>
/// A FIFO of (deadline, slot, generation) for owners whose deadlines are all "now + one fixed
/// interval": as <c>now</c> never decreases, entries are pushed in deadline order, so a ring
/// buffer replaces a heap (O(1), no per-entry objects, thousands of routes). An entry whose
/// slot was freed or re-armed is stale; the owner recognises it by the generation and skips it.
/// Should a caller ever pass a smaller <c>now</c>, an entry waits at most one interval longer
/// behind the front, which is harmless for expiry checks.
/// </summary>
internal sealed class DeadlineQueue
{
    private Entry[] _ring = new Entry[16];
    private int _head;
    private int _count;

    public int Count => _count;

    /// <summary>The front entry's deadline, or long.MaxValue when empty (it may be stale).</summary>
    public long FrontDeadline => _count == 0 ? long.MaxValue : _ring[_head].Deadline;

    public void Push(long deadline, int slot, int generation)
    {
        if (_count == _ring.Length)
        {
            Grow();
        }

        _ring[(_head + _count) % _ring.Length] = new Entry(deadline, slot, generation);
        _count++;
    }

    /// <summary>Removes the front entry if its deadline is at or before <paramref name="now"/>.</summary>
    public bool TryPopDue(long now, out int slot, out int generation)
    {
        if (_count == 0 || _ring[_head].Deadline > now)
        {
            slot = -1;
            generation = 0;
            return false;
        }

        Entry e = _ring[_head];
        _head = (_head + 1) % _ring.Length;
        _count--;
        slot = e.Slot;
        generation = e.Generation;
        return true;
    }

    /// <summary>The front entry's slot and generation (only when <see cref="Count"/> &gt; 0).</summary>
    public void PeekFront(out int slot, out int generation)
    {
        slot = _ring[_head].Slot;
        generation = _ring[_head].Generation;
    }

    /// <summary>Removes the front entry (the owner found it stale).</summary>
    public void DropFront()
    {
        _head = (_head + 1) % _ring.Length;
        _count--;
    }

    private void Grow()
    {
        var bigger = new Entry[_ring.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            bigger[i] = _ring[(_head + i) % _ring.Length];
        }

        _ring = bigger;
        _head = 0;
    }

    private readonly record struct Entry(long Deadline, int Slot, int Generation);
}
