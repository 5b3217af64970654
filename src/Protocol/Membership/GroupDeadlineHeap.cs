using System;

namespace McProxy.Protocol.Membership;

/// <summary>
/// Binary min-heap of groups keyed by <see cref="GroupState.NextDeadline"/>; each group stores
/// its index, so insert, update and remove are O(log n) and allocate nothing once grown.
/// Groups without a running timer are not in the heap.
/// </summary>
internal sealed class GroupDeadlineHeap
{
    private GroupState[] _items = new GroupState[16];

    public int Count { get; private set; }

    /// <summary>Earliest deadline, <see cref="Deadline.Never"/> when empty.</summary>
    public long Min => Count == 0 ? Deadline.Never : _items[0].NextDeadline;

    public GroupState Top => _items[0];

    /// <summary>Sets the group's key and places it (or removes it when the key is Never).</summary>
    public void Update(GroupState g, long deadline)
    {
        g.NextDeadline = deadline;
        if (deadline == Deadline.Never)
        {
            Remove(g);
            return;
        }

        if (g.HeapIndex < 0)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            g.HeapIndex = Count;
            _items[Count++] = g;
        }

        if (!SiftUp(g.HeapIndex))
        {
            SiftDown(g.HeapIndex);
        }
    }

    public void Remove(GroupState g)
    {
        int i = g.HeapIndex;
        if (i < 0)
        {
            return;
        }

        g.HeapIndex = -1;
        Count--;
        if (i == Count)
        {
            _items[Count] = null!;
            return;
        }

        _items[i] = _items[Count];
        _items[i].HeapIndex = i;
        _items[Count] = null!;
        if (!SiftUp(i))
        {
            SiftDown(i);
        }
    }

    private bool SiftUp(int i)
    {
        bool moved = false;
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (_items[parent].NextDeadline <= _items[i].NextDeadline)
            {
                break;
            }

            Swap(i, parent);
            i = parent;
            moved = true;
        }

        return moved;
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= Count)
            {
                return;
            }

            int child = left + 1 < Count && _items[left + 1].NextDeadline < _items[left].NextDeadline ? left + 1 : left;
            if (_items[i].NextDeadline <= _items[child].NextDeadline)
            {
                return;
            }

            Swap(i, child);
            i = child;
        }
    }

    private void Swap(int a, int b)
    {
        (_items[a], _items[b]) = (_items[b], _items[a]);
        _items[a].HeapIndex = a;
        _items[b].HeapIndex = b;
    }
}
