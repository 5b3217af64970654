using System;

namespace McProxy.Protocol.Routing;

// The bounds of RouteLimits. Every route sits in one age list: per input, one list of routes
// without outputs and one of routes with outputs, each oldest first, so the victim of an
// eviction is found without scanning the routes:
// - a new route on an input that holds MaxPerInput routes evicts that input's oldest route
//   without outputs, else its oldest route (a flood on one link only churns that link);
// - else, when the instance holds MaxRoutes, the oldest route without outputs of any input,
//   else the oldest route of the input that holds the most (the flooder's, not the others').
// The new route is always installed: it answers a NOCACHE upcall, and an entry the kernel
// keeps unresolved holds its queued packets for 10 s and counts against the table's unresolved
// entries (ten in older kernels; in newer ones as many as the routing socket's receive buffer
// has upcalls pending: measured 6.12, about 540 with our 512 KiB), which a flood would fill, so
// that no new stream could start at all.
internal sealed partial class RouteTable
{
    private const int MaxInputs = 32;   // MAXVIFS / MAXMIFS: interface ids are vif numbers
    private readonly RouteLimits _limits;
    private readonly int[] _ageHead = NewList();
    private readonly int[] _ageTail = NewList();
    private readonly int[] _perInput = new int[MaxInputs];
    private long _ageSeq;

    /// <summary>Routes evicted by the limits since the start.</summary>
    public long Evicted { get; private set; }

    public RouteLimits Limits => _limits;

    /// <summary>Routes whose data arrives on interface <paramref name="inputId"/>.</summary>
    public int CountOn(int inputId) => _perInput[inputId];

    private static int[] NewList()
    {
        var list = new int[MaxInputs * 2];
        Array.Fill(list, -1);
        return list;
    }

    private static int ListOf(int input, uint mask) => (input * 2) + (mask == 0 ? 0 : 1);

    // Before a new route on `input` (or a known one moving there): evict as the bounds say.
    private void MakeRoom(int input)
    {
        if (_perInput[input] >= _limits.MaxPerInput)
        {
            Evict(OldestOf(input));
            return;
        }

        if (Count < _limits.MaxRoutes)
        {
            return;
        }

        int victim = OldestWithoutOutputs();
        if (victim < 0)
        {
            int fullest = 0;
            for (int i = 1; i < MaxInputs; i++)
            {
                if (_perInput[i] > _perInput[fullest])
                {
                    fullest = i;
                }
            }

            victim = OldestOf(fullest);
        }

        Evict(victim);
    }

    private int OldestOf(int input)
    {
        int idle = _ageHead[ListOf(input, 0)];
        return idle >= 0 ? idle : _ageHead[ListOf(input, 1)];
    }

    private int OldestWithoutOutputs()
    {
        int oldest = -1;
        for (int i = 0; i < MaxInputs; i++)
        {
            int head = _ageHead[ListOf(i, 0)];
            if (head >= 0 && (oldest < 0 || _entries[head].Seq < _entries[oldest].Seq))
            {
                oldest = head;
            }
        }

        return oldest;
    }

    private void Evict(int slot)
    {
        if (slot < 0)
        {
            return;
        }

        Evicted++;
        Remove(slot);
    }

    // A known route takes a new input or outputs; it moves to the young end of another list.
    private void Reclass(int slot, int input, uint mask)
    {
        ref Entry e = ref _entries[slot];
        if (e.Input == input && (e.Mask == 0) == (mask == 0))
        {
            e.Mask = mask;
            return;
        }

        if (e.Input != input && _perInput[input] >= _limits.MaxPerInput)
        {
            Evict(OldestOf(input));
        }

        UnlinkAge(slot);
        e = ref _entries[slot];
        e.Input = input;
        e.Mask = mask;
        LinkAge(slot);
    }

    private void LinkAge(int slot)
    {
        ref Entry e = ref _entries[slot];
        int list = ListOf(e.Input, e.Mask);
        int tail = _ageTail[list];
        e.PrevByAge = tail;
        e.NextByAge = -1;
        e.Seq = ++_ageSeq;
        if (tail >= 0)
        {
            _entries[tail].NextByAge = slot;
        }
        else
        {
            _ageHead[list] = slot;
        }

        _ageTail[list] = slot;
        _perInput[e.Input]++;
    }

    private void UnlinkAge(int slot)
    {
        ref Entry e = ref _entries[slot];
        int list = ListOf(e.Input, e.Mask);
        if (e.PrevByAge >= 0)
        {
            _entries[e.PrevByAge].NextByAge = e.NextByAge;
        }
        else
        {
            _ageHead[list] = e.NextByAge;
        }

        if (e.NextByAge >= 0)
        {
            _entries[e.NextByAge].PrevByAge = e.PrevByAge;
        }
        else
        {
            _ageTail[list] = e.PrevByAge;
        }

        e.PrevByAge = -1;
        e.NextByAge = -1;
        _perInput[e.Input]--;
    }
}
