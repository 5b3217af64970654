namespace McProxy.Protocol.Membership;

/// <summary>Explicit host tracking (for safe fast leave). Expired hosts are dropped lazily.</summary>
internal sealed partial class GroupState
{
    /// <summary>Adds or refreshes <paramref name="host"/>; false when the limit refuses a new host.</summary>
    public bool TouchHost(Addr host, long expires, long now, int limit)
    {
        for (int i = 0; i < HostCount; i++)
        {
            if (_hosts[i].Host == host)
            {
                _hosts[i].Expires = expires;
                return true;
            }
        }

        if (HostCount >= limit)
        {
            PruneHosts(now);
        }

        if (HostCount >= limit)
        {
            return false;
        }

        if (HostCount == _hosts.Length)
        {
            System.Array.Resize(ref _hosts, System.Math.Max(1, _hosts.Length * 2));
        }

        _hosts[HostCount++] = new HostEntry { Host = host, Expires = expires };
        return true;
    }

    /// <summary>Whether <paramref name="host"/> is a live tracked host of the group.</summary>
    public bool HasLiveHost(Addr host, long now)
    {
        foreach (HostEntry h in Hosts)
        {
            if (h.Host == host)
            {
                return h.Expires > now;
            }
        }

        return false;
    }

    /// <summary>Removes <paramref name="host"/>; true if it was a live tracked host.</summary>
    public bool RemoveHost(Addr host, long now)
    {
        for (int i = 0; i < HostCount; i++)
        {
            if (_hosts[i].Host == host)
            {
                bool live = _hosts[i].Expires > now;
                _hosts[i] = _hosts[--HostCount];
                return live;
            }
        }

        return false;
    }

    /// <summary>Drops hosts whose reports are older than their expiry; returns the live count.</summary>
    public int PruneHosts(long now)
    {
        int w = 0;
        for (int r = 0; r < HostCount; r++)
        {
            if (_hosts[r].Expires > now)
            {
                _hosts[w++] = _hosts[r];
            }
        }

        HostCount = w;
        return w;
    }
}
