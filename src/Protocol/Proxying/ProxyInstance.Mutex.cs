using System;
using System.Collections.Generic;
using McProxy.Protocol.Routing;

namespace McProxy.Protocol.Proxying;

// "upstream * in rulematching mutex T" (docs/behaviour.md §3). A claim records, per (S,G),
// the interface whose data we use: sources without a claim are requested on every permitting
// upstream; once data arrived on an upstream, S is requested only there (the most preferred
// upstream it arrived on wins), and nowhere upstream once it arrived on a downstream (a local
// source, peering interfaces included). The claim is checked every T ms against the owner's
// route packet counter; when it did not move, the claim ends and S is requested everywhere
// again (the original stored T but always checked at 20 s: [Fix]). Only packets that arrived
// on the owner count, so a claim ends when the owner's link goes quiet even while the source's
// data keeps arriving on another upstream (a failover with both links up). EXCLUDE{} joins are kept,
// claimed sources only join their exclude list (the original sent no ASM join at all: [Fix]).
internal sealed partial class ProxyInstance
{
    private readonly long _mutexTimeoutMs;
    private readonly Dictionary<ClaimKey, int> _claimIndex = new();
    private readonly DeadlineQueue _claimChecks = new();
    private Claim[] _claims = new Claim[8];
    private int _claimUsed;
    private int _claimFree = -1;
    private Addr[] _claimList = new Addr[8];

    private long NextClaimDeadline
    {
        get
        {
            while (_claimChecks.Count > 0)
            {
                _claimChecks.PeekFront(out int slot, out int generation);
                if (IsLiveClaim(slot, generation))
                {
                    break;
                }

                _claimChecks.DropFront();
            }

            return _claimChecks.FrontDeadline;
        }
    }

    /// <summary>The interface whose data for (S,G) is in use, or -1 (mutex matching only).</summary>
    public int ClaimOwner(Addr source, Addr group) =>
        _claimIndex.TryGetValue(new ClaimKey(source, group), out int slot) ? _claims[slot].Owner : -1;

    // Records data of (S,G) on `input`; true if the owner changed (subscriptions must follow).
    private bool TakeClaim(long now, Addr source, Addr group, int input)
    {
        bool fromUpstream = !_map.IsDownstream(input);
        if (_claimIndex.TryGetValue(new ClaimKey(source, group), out int slot))
        {
            ref Claim c = ref _claims[slot];
            bool ownerUpstream = !_map.IsDownstream(c.Owner);
            bool take = c.Owner != input && ownerUpstream &&
                (!fromUpstream || _map.PriorityOf(input) < _map.PriorityOf(c.Owner));
            if (!take)
            {
                return false;
            }

            c.Owner = input;
            c.LastCount = 0;
            c.Generation++;
            _claimChecks.Push(now + _mutexTimeoutMs, slot, c.Generation);
            return true;
        }

        slot = AllocateClaim(source, group, input);
        if (!_groups.TryGetValue(group, out GroupEntry? entry))
        {
            entry = Rent(group);
        }

        entry.Claims.Add(slot);
        _claimChecks.Push(now + _mutexTimeoutMs, slot, _claims[slot].Generation);
        return true;
    }

    private void CheckClaims(long now)
    {
        while (_claimChecks.TryPopDue(now, out int slot, out int generation))
        {
            if (!IsLiveClaim(slot, generation))
            {
                continue;
            }

            ref Claim c = ref _claims[slot];
            // Only packets that arrived on the owner count: the kernel's (S,G) entry also counts
            // (and drops) those arriving elsewhere, which must not keep a dead owner's claim.
            if (_routes.TryGetCountOnInput(c.Source, c.Group, c.Owner, out ulong packets) && packets != c.LastCount)
            {
                c.LastCount = packets;
                _claimChecks.Push(now + _mutexTimeoutMs, slot, c.Generation);
                continue;
            }

            Addr source = c.Source;
            Addr group = c.Group;
            ReleaseClaim(slot);
            RemoveUpstreamRoutes(source, group);
            UpdateSubscriptions(group);
            UpdateRoutes(group);
        }
    }

    // After a claim ends, routes of (S,G) from upstreams are removed so the next packet on
    // any upstream raises NOCACHE again and a new owner is chosen (an existing entry would
    // forward silently from every upstream and never tell us).
    private void RemoveUpstreamRoutes(Addr source, Addr group)
    {
        _routes.CopySlots(group, _slotScratch);
        foreach (int slot in _slotScratch)
        {
            int input = _routes.InputOf(slot);
            if (_routes.SourceOf(slot) == source && !_map.IsDownstream(input))
            {
                _routes.Remove(slot);
            }
        }
    }

    private void DropClaimsOwnedBy(int id)
    {
        for (int slot = 0; slot < _claimUsed; slot++)
        {
            if (_claims[slot].InUse && _claims[slot].Owner == id)
            {
                ReleaseClaim(slot);
            }
        }
    }

    // _claimed = IN{sources of the group claimed by an interface other than upstream `upId`}.
    private void ClaimedElsewhere(int upId, GroupEntry? entry)
    {
        int n = 0;
        if (entry is not null)
        {
            if (_claimList.Length < entry.Claims.Count)
            {
                _claimList = new Addr[Math.Max(entry.Claims.Count, _claimList.Length * 2)];
            }

            foreach (int slot in entry.Claims)
            {
                if (_claims[slot].Owner != upId)
                {
                    _claimList[n++] = _claims[slot].Source;
                }
            }
        }

        _claimed.Set(FilterMode.Include, _claimList.AsSpan(0, n));
    }

    private bool IsClaimOwnerOrUnclaimed(Addr source, Addr group, int input)
    {
        if (_inMatching != Config.Model.RuleMatching.Mutex)
        {
            return true;
        }

        int owner = ClaimOwner(source, group);
        return owner < 0 || owner == input;
    }

    private bool IsLiveClaim(int slot, int generation) => _claims[slot].InUse && _claims[slot].Generation == generation;

    private int AllocateClaim(Addr source, Addr group, int owner)
    {
        int slot;
        if (_claimFree >= 0)
        {
            slot = _claimFree;
            _claimFree = _claims[slot].NextFree;
        }
        else
        {
            if (_claimUsed == _claims.Length)
            {
                Array.Resize(ref _claims, _claims.Length * 2);
            }

            slot = _claimUsed++;
        }

        ref Claim c = ref _claims[slot];
        c = new Claim { Source = source, Group = group, Owner = owner, Generation = c.Generation + 1, InUse = true, NextFree = -1 };
        _claimIndex.Add(new ClaimKey(source, group), slot);
        return slot;
    }

    private void ReleaseClaim(int slot)
    {
        ref Claim c = ref _claims[slot];
        _claimIndex.Remove(new ClaimKey(c.Source, c.Group));
        if (_groups.TryGetValue(c.Group, out GroupEntry? entry))
        {
            entry.Claims.Remove(slot);
        }

        c.InUse = false;
        c.Generation++;
        c.NextFree = _claimFree;
        _claimFree = slot;
    }

    private struct Claim
    {
        public Addr Source;
        public Addr Group;
        public int Owner;
        public ulong LastCount;
        public int Generation;
        public bool InUse;
        public int NextFree;
    }

    private readonly record struct ClaimKey(Addr Source, Addr Group);
}
