using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using McProxy.Interop;
using McProxy.Platform.Host;
using McProxy.Platform.Interfaces;
using McProxy.Protocol.Instance;
using McProxy.Runtime.Logging;

namespace McProxy.Runtime;

/// <summary>
/// The one owner of "which configured interface is attached as which ifindex". An interface is
/// attached while an interface of its name exists and is up; attaching is, in this order: its
/// rp_filter off (-r), its vif in the instance's table, the report groups joined (downstreams),
/// and the core told it is up. Detaching undoes it in reverse. <see cref="Reconcile"/> compares
/// every instance's interfaces with the inventory and does what differs; it runs at start, after
/// every batch of rtnetlink changes and after a reload, so a late, flapping or re-created
/// interface (new ifindex, as after a PPPoE reconnect) is handled by the same few lines. The
/// multicast policy rules of an instance's own table name interfaces, so they are added when
/// the instance starts (before its interfaces exist) and removed when it stops.
/// </summary>
internal sealed class InterfaceAttachment : IDisposable
{
    private readonly InterfaceInventory _inventory;
    private readonly RpFilter? _rpFilter;
    private readonly Log _log;
    private readonly List<Entry> _instances = new();
    private PolicyRules? _rules;

    /// <param name="rpFilter">Set with -r: rp_filter is turned off on each IPv4 interface as it attaches.</param>
    public InterfaceAttachment(InterfaceInventory inventory, RpFilter? rpFilter, Log log)
    {
        _inventory = inventory;
        _rpFilter = rpFilter;
        _log = log;
    }

    /// <summary>
    /// Takes a started instance in (its interfaces attach at the next <see cref="Reconcile"/>). An
    /// instance with its own table needs the kernel told which packets look there: "iif IF lookup
    /// N" and "oif IF lookup N" multicast rules per interface (what mcproxy ran `ip mrule` for).
    /// </summary>
    public void Add(InstanceRuntime instance)
    {
        _instances.Add(new Entry(instance));
        if (instance.Table == 0)
        {
            return;
        }

        _rules ??= PolicyRules.Open();
        for (int id = 0; id < instance.Core.InterfaceCount; id++)
        {
            string name = instance.Core.NameOf(id);
            foreach (bool input in new[] { true, false })
            {
                Errno e = _rules.Add(instance.Family, input, name, instance.Table);
                if (e != Errno.OK)
                {
                    throw new DaemonException(
                        $"instance {instance.Name}: cannot add the multicast policy rule '{(input ? "iif" : "oif")} {name} lookup {instance.Table}': {e.Describe()}",
                        Cli.ExitCodes.OsError);
                }
            }
        }
    }

    /// <summary>Detaches every interface of <paramref name="instance"/> (upstream leaves go out) and removes its policy rules.</summary>
    public void Remove(InstanceRuntime instance, long now)
    {
        int i = 0;
        while (i < _instances.Count && _instances[i].Instance != instance)
        {
            i++;
        }

        if (i == _instances.Count)
        {
            return;
        }

        _instances.RemoveAt(i);
        for (int id = 0; id < instance.Core.InterfaceCount; id++)
        {
            Detach(instance, id, now);
        }

        if (instance.Table > 0 && _rules is not null)
        {
            for (int id = 0; id < instance.Core.InterfaceCount; id++)
            {
                _rules.Remove(instance.Family, true, instance.Core.NameOf(id), instance.Table);
                _rules.Remove(instance.Family, false, instance.Core.NameOf(id), instance.Table);
            }
        }
    }

    /// <summary>Attaches, detaches and re-addresses every configured interface as the inventory says.</summary>
    public void Reconcile(long now)
    {
        foreach (Entry entry in _instances)
        {
            for (int id = 0; id < entry.Instance.Core.InterfaceCount; id++)
            {
                Reconcile(entry.Instance, id, entry.Waiting, now);
            }

            entry.Instance.Rearm();
        }
    }

    /// <summary>Removes the remaining policy rules and restores rp_filter (the instances are removed first).</summary>
    public void Dispose()
    {
        _rules?.Dispose();
        _rules = null;
        if (_rpFilter is not null)
        {
            foreach (string failed in _rpFilter.Restore())
            {
                _log.Warning($"{failed}: could not restore rp_filter");
            }
        }
    }

    private void Reconcile(InstanceRuntime instance, int id, Waiting[] waiting, long now)
    {
        InstanceCore core = instance.Core;
        string name = core.NameOf(id);
        int ifindex = _inventory.IndexOf(name);
        InterfaceState? state = ifindex > 0 && _inventory.TryGet(ifindex, out InterfaceState s) ? s : null;
        bool up = state is not null && state.IsUp;
        int attached = core.IfIndexOf(id);
        if (attached > 0 && (!up || ifindex != attached))
        {
            _log.Notice($"{instance.Name}: {name} {WhyGone(name, attached)}");
            Detach(instance, id, now);
            waiting[id] = up ? Waiting.No : state is null ? Waiting.Missing : Waiting.Down;
        }

        if (!up)
        {
            Waiting reason = state is null ? Waiting.Missing : Waiting.Down;
            if (waiting[id] != reason)
            {
                waiting[id] = reason;
                _log.Warning(reason == Waiting.Missing
                    ? $"{instance.Name}: interface {name} does not exist yet; waiting for it"
                    : $"{instance.Name}: interface {name} is down; waiting for it to come up");
            }

            return;
        }

        Addr address = state!.V4Addresses.Count > 0 ? state.V4Addresses[0] : Addr.None;
        if (core.IfIndexOf(id) == ifindex)
        {
            core.UpdateAddresses(id, address, state.LinkLocal, now);
        }
        else
        {
            waiting[id] = Attach(instance, id, state, address, now, waiting[id] == Waiting.Failed) ? Waiting.No : Waiting.Failed;
        }

        core.UpdateSubnets(id, CollectionsMarshal.AsSpan(state.V4Subnets));
    }

    private string WhyGone(string name, int ifindex)
    {
        if (!_inventory.TryGet(ifindex, out InterfaceState now))
        {
            return "was removed; waiting for it to come back";
        }

        return now.Name != name ? $"is renamed to {now.Name}; waiting for it" : "is down; waiting for it";
    }

    private bool Attach(InstanceRuntime instance, int id, InterfaceState state, Addr address, long now, bool failedBefore)
    {
        InstanceCore core = instance.Core;
        if (_rpFilter is not null && instance.Family == IpFamily.V4)
        {
            try
            {
                _rpFilter.Disable(state.Name);
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or ArgumentException)
            {
                _log.Warning($"{state.Name}: cannot reset rp_filter: {e.Message}");
            }
        }

        Errno error = instance.Kernel.AddVif(id, state.IfIndex);
        if (error != Errno.OK)
        {
            // Tried again at every change of the inventory; said once per cause.
            if (!failedBefore)
            {
                _log.Error($"{instance.Name}: cannot add vif {id} for {state.Name} (ifindex {state.IfIndex}): {error.Describe()}");
            }

            return false;
        }

        bool downstream = core.Proxy.IsDownstream(id);
        if (downstream)
        {
            error = instance.Kernel.JoinReportGroups(state.IfIndex);
            if (error != Errno.OK)
            {
                _log.Warning($"{instance.Name}: {state.Name}: cannot join the report groups: {error.Describe()}");
            }
        }

        core.Attach(id, state.IfIndex, address, state.LinkLocal, now);
        string role = core.Proxy.IsUpstream(id) ? (downstream ? "peering" : "upstream") : "downstream";
        _log.Notice($"{instance.Name}: {role} {state.Name} attached (ifindex {state.IfIndex}, vif {id})");
        return true;
    }

    private void Detach(InstanceRuntime instance, int id, long now)
    {
        InstanceCore core = instance.Core;
        int ifindex = core.IfIndexOf(id);
        if (ifindex <= 0)
        {
            return;
        }

        core.Detach(id, now);
        if (core.Proxy.IsDownstream(id))
        {
            instance.Kernel.LeaveReportGroups(ifindex);
        }

        instance.Kernel.DelVif(id);
        _log.Notice($"{instance.Name}: {core.NameOf(id)} detached (was ifindex {ifindex})");
    }

    /// <summary>An instance and, per interface id, why it is not attached (so each reason is said once).</summary>
    private sealed class Entry(InstanceRuntime instance)
    {
        public InstanceRuntime Instance { get; } = instance;

        public Waiting[] Waiting { get; } = new Waiting[instance.Core.InterfaceCount];
    }

    private enum Waiting : byte
    {
        Unknown,
        No,
        Missing,
        Down,
        Failed,
    }
}
