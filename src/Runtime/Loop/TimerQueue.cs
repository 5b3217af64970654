using System;

namespace McProxy.Runtime.Loop;

/// <summary>
/// A binary min-heap of <see cref="Timer"/>s ordered by (deadline, arm sequence). Arm, re-arm and
/// cancel are O(log n) and allocate nothing once the heap has grown to its working size.
/// </summary>
internal sealed class TimerQueue
{
    private Timer[] _heap = new Timer[16];
    private Timer[] _due = new Timer[16];
    private int _count;
    private ulong _sequence;

    /// <summary>
    /// Called with what a timer handler threw; the other due timers still run. Without it the
    /// exception goes on to the caller (tests that want to see it).
    /// </summary>
    public Action<Exception, object>? OnFault { get; set; }

    public int Count => _count;

    /// <summary>The earliest deadline, or long.MaxValue when nothing is armed.</summary>
    public long NextDeadline => _count == 0 ? long.MaxValue : _heap[0].Deadline;

    /// <summary>Arms (or re-arms) <paramref name="timer"/> for <paramref name="deadline"/>.
    /// long.MaxValue cancels it ("no deadline").</summary>
    public void Arm(Timer timer, long deadline)
    {
        if (deadline == long.MaxValue)
        {
            Cancel(timer);
            return;
        }

        if (timer.IsArmed)
        {
            if (timer.Deadline == deadline)
            {
                return;
            }

            RemoveAt(timer.HeapIndex);
        }

        timer.Deadline = deadline;
        timer.Sequence = ++_sequence;
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _count * 2);
        }

        _heap[_count] = timer;
        timer.HeapIndex = _count;
        _count++;
        SiftUp(timer.HeapIndex);
    }

    public void Cancel(Timer timer)
    {
        if (timer.IsArmed)
        {
            RemoveAt(timer.HeapIndex);
        }
    }

    /// <summary>
    /// Runs every timer due at <paramref name="now"/>, in deadline order (FIFO among equals).
    /// Due timers are collected first, so a handler that re-arms for "now" runs in the next pass,
    /// not in an endless loop within this one. Returns how many ran.
    /// </summary>
    public int RunDue(long now)
    {
        int n = 0;
        while (_count > 0 && _heap[0].Deadline <= now)
        {
            Timer t = _heap[0];
            RemoveAt(0);
            if (n == _due.Length)
            {
                Array.Resize(ref _due, n * 2);
            }

            _due[n++] = t;
        }

        for (int i = 0; i < n; i++)
        {
            Timer t = _due[i];
            _due[i] = null!;
            // A handler that ran earlier in this pass may have re-armed or cancelled this one.
            if (!t.IsArmed)
            {
                try
                {
                    t.Handler.OnTimer(now);
                }
                catch (Exception e) when (OnFault is not null)
                {
                    // One handler's bug must not end the daemon (procd gives up after 5 crashes
                    // an hour); the handler re-arms itself if it can (issue 13 item 7).
                    OnFault(e, t.Handler);
                }
            }
        }

        return n;
    }

    private static bool Less(Timer a, Timer b) =>
        a.Deadline < b.Deadline || (a.Deadline == b.Deadline && a.Sequence < b.Sequence);

    private void RemoveAt(int index)
    {
        Timer removed = _heap[index];
        _count--;
        if (index != _count)
        {
            Timer last = _heap[_count];
            _heap[index] = last;
            last.HeapIndex = index;
            _heap[_count] = null!;
            if (index > 0 && Less(last, _heap[(index - 1) / 2]))
            {
                SiftUp(index);
            }
            else
            {
                SiftDown(index);
            }
        }
        else
        {
            _heap[_count] = null!;
        }

        removed.HeapIndex = -1;
    }

    private void SiftUp(int index)
    {
        Timer t = _heap[index];
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            Timer p = _heap[parent];
            if (!Less(t, p))
            {
                break;
            }

            _heap[index] = p;
            p.HeapIndex = index;
            index = parent;
        }

        _heap[index] = t;
        t.HeapIndex = index;
    }

    private void SiftDown(int index)
    {
        Timer t = _heap[index];
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Less(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Less(_heap[child], t))
            {
                break;
            }

            _heap[index] = _heap[child];
            _heap[index].HeapIndex = index;
            index = child;
        }

        _heap[index] = t;
        t.HeapIndex = index;
    }
}
