using System.Collections.Generic;

namespace McProxy.Protocol.Proxying;

/// <summary>
/// What the proxy keeps per group: the subscription last applied on each upstream (indexed by
/// upstream priority, INCLUDE{} = not subscribed) so only differences reach the port, and the
/// slots of the group's mutex claims. Entries are pooled: a group that comes and goes does
/// not allocate again.
/// </summary>
internal sealed class GroupEntry
{
    public GroupEntry(int upstreamCount)
    {
        Applied = new SourceSet[upstreamCount];
        for (int i = 0; i < upstreamCount; i++)
        {
            Applied[i] = new SourceSet(0);
        }
    }

    public SourceSet[] Applied { get; }

    public List<int> Claims { get; } = new();

    /// <summary>Upstreams (bit = priority) where the last subscription failed: what the kernel
    /// holds there is unknown, so it is sent again (ProxyInstance.Retry.cs).</summary>
    public uint Failed { get; set; }

    public bool HasSubscription
    {
        get
        {
            foreach (SourceSet s in Applied)
            {
                if (!s.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Back to the state of a new entry (before pooling).</summary>
    public void Reset()
    {
        foreach (SourceSet s in Applied)
        {
            s.Clear();
        }

        Claims.Clear();
        Failed = 0;
    }
}
