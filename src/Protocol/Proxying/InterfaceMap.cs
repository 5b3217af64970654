using System;
using System.Collections.Generic;
using McProxy.Config.Model;

namespace McProxy.Protocol.Proxying;

/// <summary>
/// Instance-local interface ids (Ports.cs): downstreams in configuration order, then the
/// upstreams not already listed, so a peering interface (in both lists) has one id. Upstream
/// priority is the position in the upstream list (lower preferred, docs/behaviour.md §3).
/// </summary>
internal sealed class InterfaceMap
{
    /// <summary>The kernel's MAXVIFS / MAXMIFS: output sets are 32-bit masks.</summary>
    public const int MaxInterfaces = 32;

    private readonly List<string> _names = new();
    private readonly int[] _upstreamsByPriority;
    private readonly int[] _priority;
    private readonly bool[] _isDownstream;

    public InterfaceMap(InstanceConfig instance)
    {
        foreach (string name in instance.Downstreams)
        {
            AddUnique(name);
        }

        int downstreamCount = _names.Count;
        var ups = new List<int>();
        foreach (string name in instance.Upstreams)
        {
            int id = AddUnique(name);
            if (!ups.Contains(id))
            {
                ups.Add(id);
            }
        }

        if (_names.Count > MaxInterfaces)
        {
            throw new ArgumentException(
                $"instance {instance.Name} has {_names.Count} interfaces, at most {MaxInterfaces} are possible", nameof(instance));
        }

        _upstreamsByPriority = ups.ToArray();
        _priority = new int[_names.Count];
        _isDownstream = new bool[_names.Count];
        Array.Fill(_priority, -1);
        for (int p = 0; p < _upstreamsByPriority.Length; p++)
        {
            _priority[_upstreamsByPriority[p]] = p;
        }

        for (int id = 0; id < downstreamCount; id++)
        {
            _isDownstream[id] = true;
        }
    }

    public int Count => _names.Count;

    /// <summary>Upstream ids, most preferred first.</summary>
    public ReadOnlySpan<int> UpstreamsByPriority => _upstreamsByPriority;

    public string NameOf(int id) => _names[id];

    /// <summary>The id of <paramref name="name"/>, or -1.</summary>
    public int IdOf(string name) => _names.IndexOf(name);

    public bool IsValid(int id) => (uint)id < (uint)_names.Count;

    public bool IsUpstream(int id) => IsValid(id) && _priority[id] >= 0;

    public bool IsDownstream(int id) => IsValid(id) && _isDownstream[id];

    public bool IsPeering(int id) => IsUpstream(id) && IsDownstream(id);

    /// <summary>Position in the upstream list (0 = most preferred), -1 if not an upstream.</summary>
    public int PriorityOf(int id) => IsValid(id) ? _priority[id] : -1;

    private int AddUnique(string name)
    {
        int id = _names.IndexOf(name);
        if (id >= 0)
        {
            return id;
        }

        _names.Add(name);
        return _names.Count - 1;
    }
}
