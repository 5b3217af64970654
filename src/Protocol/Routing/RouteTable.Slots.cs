using System;

namespace McProxy.Protocol.Routing;

// Slot storage: a growable array of entries with a free list and, per group, a doubly linked
// list through the entries, so a group's routes are found without scanning all routes.
internal sealed partial class RouteTable
{
    private int Allocate(Addr source, Addr group, int inputId, uint mask)
    {
        int slot;
        if (_freeHead >= 0)
        {
            slot = _freeHead;
            _freeHead = _entries[slot].NextInGroup;
        }
        else
        {
            if (_used == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            slot = _used++;
        }

        ref Entry e = ref _entries[slot];
        int generation = e.Generation + 1;
        e = new Entry
        {
            Source = source,
            Group = group,
            Input = inputId,
            Mask = mask,
            Generation = generation,
            InUse = true,
            PrevInGroup = -1,
            NextInGroup = _groupHead.TryGetValue(group, out int head) ? head : -1,
        };
        if (e.NextInGroup >= 0)
        {
            _entries[e.NextInGroup].PrevInGroup = slot;
        }

        _groupHead[group] = slot;
        _bySlot.Add(new RouteKey(source, group), slot);
        LinkAge(slot);
        return slot;
    }

    private void Free(int slot)
    {
        UnlinkAge(slot);
        ref Entry e = ref _entries[slot];
        _bySlot.Remove(new RouteKey(e.Source, e.Group));
        if (e.PrevInGroup >= 0)
        {
            _entries[e.PrevInGroup].NextInGroup = e.NextInGroup;
        }
        else if (e.NextInGroup >= 0)
        {
            _groupHead[e.Group] = e.NextInGroup;
        }
        else
        {
            _groupHead.Remove(e.Group);
        }

        if (e.NextInGroup >= 0)
        {
            _entries[e.NextInGroup].PrevInGroup = e.PrevInGroup;
        }

        e.InUse = false;
        e.Generation++;
        e.PrevInGroup = -1;
        e.NextInGroup = _freeHead;
        _freeHead = slot;
    }

    private struct Entry
    {
        public Addr Source;
        public Addr Group;
        public int Input;
        public uint Mask;
        public ulong LastCount;     // packets on the input at the last periodic check
        public ulong SeenCount;     // ... at the last look of any kind (install, check, WRONGVIF)
        public long NextCheck;
        public int Generation;
        public bool InUse;
        public int PrevInGroup;
        public int NextInGroup;
        public int PrevByAge;       // the route's age list (its input, with or without outputs)
        public int NextByAge;
        public long Seq;            // when it joined that list, for the oldest across lists
    }

    /// <summary>Allocation-free foreach over a group's route slots.</summary>
    internal readonly struct GroupEnumerable
    {
        private readonly RouteTable _table;
        private readonly int _head;

        public GroupEnumerable(RouteTable table, int head)
        {
            _table = table;
            _head = head;
        }

        public GroupEnumerator GetEnumerator() => new(_table, _head);
    }

    internal struct GroupEnumerator
    {
        private readonly RouteTable _table;
        private int _next;

        public GroupEnumerator(RouteTable table, int head)
        {
            _table = table;
            _next = head;
            Current = -1;
        }

        public int Current { get; private set; }

        public bool MoveNext()
        {
            if (_next < 0)
            {
                return false;
            }

            Current = _next;
            _next = _table._entries[_next].NextInGroup;
            return true;
        }
    }
}
