using System.Collections.Generic;
using Netlink = McProxy.Interop.Interop.Netlink;

namespace McProxy.Platform.Interfaces;

/// <summary>
/// Interfaces by index, kept up to date from rtnetlink messages (pure: feed it payloads, it
/// tells the listener what changed). Used by <see cref="NetlinkWatcher"/> and unit tests.
/// </summary>
internal sealed class InterfaceInventory
{
    private readonly Dictionary<int, InterfaceState> _byIndex = new();
    private Dictionary<int, (Addr[] V4, Addr LinkLocal)>? _sweep;
    private INetlinkListener? _sweepListener;

    public IReadOnlyDictionary<int, InterfaceState> Interfaces => _byIndex;

    public bool TryGet(int ifindex, out InterfaceState state) => _byIndex.TryGetValue(ifindex, out state!);

    /// <summary>The index of the interface called <paramref name="name"/>, 0 when unknown.</summary>
    public int IndexOf(string name)
    {
        foreach (InterfaceState s in _byIndex.Values)
        {
            if (s.Name == name)
            {
                return s.IfIndex;
            }
        }

        return 0;
    }

    /// <summary>
    /// Starts a full re-dump after lost events (netlink ENOBUFS): addresses are forgotten
    /// silently, and <see cref="EndResync"/> reports what really changed and drops links the
    /// dump no longer showed. Messages applied in between update state without notifications.
    /// </summary>
    public void BeginResync(INetlinkListener? listener)
    {
        _sweep = new Dictionary<int, (Addr[] V4, Addr LinkLocal)>();
        _sweepListener = listener;
        foreach (InterfaceState s in _byIndex.Values)
        {
            _sweep[s.IfIndex] = (s.V4Addresses.ToArray(), s.LinkLocal);
            s.V4Addresses.Clear();
            s.V4Subnets.Clear();
            s.LinkLocal = Addr.None;
            s.Seen = false;
        }
    }

    public void EndResync()
    {
        if (_sweep == null)
        {
            return;
        }

        var gone = new List<InterfaceState>();
        foreach (InterfaceState s in _byIndex.Values)
        {
            if (!_sweep.TryGetValue(s.IfIndex, out var before))
            {
                if (s.V4Addresses.Count > 0 || s.LinkLocal != Addr.None)
                {
                    _sweepListener?.AddressChanged(s.IfIndex);
                }

                continue;
            }

            if (!s.Seen)
            {
                gone.Add(s);
            }
            else if (before.LinkLocal != s.LinkLocal || !SameAddresses(before.V4, s.V4Addresses))
            {
                _sweepListener?.AddressChanged(s.IfIndex);
            }
        }

        foreach (InterfaceState s in gone)
        {
            _byIndex.Remove(s.IfIndex);
            _sweepListener?.LinkRemoved(s.IfIndex, s.Name);
        }

        _sweep = null;
        _sweepListener = null;
    }

    /// <summary>Applies one rtnetlink message; unknown types are ignored.</summary>
    public void Apply(in NetlinkParser.Message message, INetlinkListener? listener)
    {
        switch (message.Type)
        {
            case Netlink.RTM_NEWLINK when NetlinkParser.TryParseLink(message.Payload, out LinkInfo link):
                ApplyNewLink(link, listener);
                break;
            case Netlink.RTM_DELLINK when NetlinkParser.TryParseLink(message.Payload, out LinkInfo link):
                if (_byIndex.Remove(link.IfIndex, out InterfaceState? gone))
                {
                    listener?.LinkRemoved(link.IfIndex, gone.Name);
                }

                break;
            case Netlink.RTM_NEWADDR when NetlinkParser.TryParseAddress(message.Payload, out AddressInfo a):
                ApplyAddress(a, add: true, listener);
                break;
            case Netlink.RTM_DELADDR when NetlinkParser.TryParseAddress(message.Payload, out AddressInfo a):
                ApplyAddress(a, add: false, listener);
                break;
        }
    }

    private void ApplyNewLink(LinkInfo link, INetlinkListener? listener)
    {
        bool known = _byIndex.TryGetValue(link.IfIndex, out InterfaceState? s);
        if (!known)
        {
            s = new InterfaceState(link.IfIndex);
            _byIndex[link.IfIndex] = s;
        }

        s!.Seen = true;
        string name = link.Name.Length > 0 ? link.Name : s.Name;
        bool changed = !known || s!.Name != name || s.IsUp != link.IsUp;
        s!.Name = name;
        s.Flags = link.Flags;
        s.IsUp = link.IsUp;
        if (changed)
        {
            listener?.LinkChanged(link.IfIndex, name, link.IsUp);
        }
    }

    private void ApplyAddress(AddressInfo a, bool add, INetlinkListener? listener)
    {
        if (!_byIndex.TryGetValue(a.IfIndex, out InterfaceState? s))
        {
            if (!add)
            {
                return;
            }

            // An address may be reported before its link (dump order, races): keep it.
            s = new InterfaceState(a.IfIndex);
            _byIndex[a.IfIndex] = s;
        }

        bool changed;
        if (a.Address.IsV4)
        {
            int i = s.V4Addresses.IndexOf(a.Address);
            changed = add ? i < 0 || s.V4Subnets[i].PrefixLength != a.PrefixLength : i >= 0;
            if (add && i < 0)
            {
                s.V4Addresses.Add(a.Address);
                s.V4Subnets.Add(new Subnet(a.Address, a.PrefixLength));
            }
            else if (add)
            {
                s.V4Subnets[i] = new Subnet(a.Address, a.PrefixLength);
            }
            else if (i >= 0)
            {
                s.V4Addresses.RemoveAt(i);
                s.V4Subnets.RemoveAt(i);
            }
        }
        else if (a.Address.IsV6LinkLocalUnicast)
        {
            // A tentative address (duplicate address detection running) comes again when usable.
            Addr next = add && !a.IsUnusable ? a.Address : (s.LinkLocal == a.Address ? Addr.None : s.LinkLocal);
            changed = next != s.LinkLocal;
            s.LinkLocal = next;
        }
        else
        {
            return;
        }

        if (changed && _sweep == null)
        {
            listener?.AddressChanged(a.IfIndex);
        }
    }

    private static bool SameAddresses(Addr[] a, List<Addr> b)
    {
        if (a.Length != b.Count)
        {
            return false;
        }

        foreach (Addr x in a)
        {
            if (!b.Contains(x))
            {
                return false;
            }
        }

        return true;
    }
}
