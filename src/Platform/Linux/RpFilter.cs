using System;
using System.Collections.Generic;
using System.IO;

namespace McProxy.Platform.Linux;

/// <summary>
/// The `-r` option: sets net.ipv4.conf.{all,IF}.rp_filter to 0 so data from foreign subnets is
/// accepted, remembering each previous value and restoring exactly that on Dispose (the original
/// always restored 1, even where it had been 0 or 2). Reverse-path filtering uses the maximum of
/// "all" and the interface value, so both must be 0.
/// </summary>
internal sealed class RpFilter : IDisposable
{
    private readonly string _root;
    private readonly List<(string Name, string Previous)> _saved = new();

    /// <param name="confRoot">/proc/sys/net/ipv4/conf (tests pass a directory of their own).</param>
    public RpFilter(string confRoot = "/proc/sys/net/ipv4/conf")
    {
        _root = confRoot;
    }

    /// <summary>Interfaces (and "all") whose value was changed, with the value to restore.</summary>
    public IReadOnlyList<(string Name, string Previous)> Saved => _saved;

    /// <summary>Disables rp_filter on <paramref name="ifname"/> and on "all" (first call). Throws IOException when unwritable.</summary>
    public void Disable(string ifname)
    {
        if (ifname.Length == 0 || ifname.Contains('/') || ifname is "." or "..")
        {
            throw new ArgumentException($"not an interface name: '{ifname}'", nameof(ifname));
        }

        DisableOne("all");
        DisableOne(ifname);
    }

    /// <summary>Writes every saved value back, newest first; returns the names that could not be restored.</summary>
    public List<string> Restore()
    {
        var failed = new List<string>();
        for (int i = _saved.Count - 1; i >= 0; i--)
        {
            try
            {
                SysFile.WriteAllText(PathOf(_saved[i].Name), _saved[i].Previous + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed.Add(_saved[i].Name);
            }
        }

        _saved.Clear();
        return failed;
    }

    public void Dispose() => Restore();

    private void DisableOne(string name)
    {
        foreach ((string n, string _) in _saved)
        {
            if (n == name)
            {
                return;
            }
        }

        string path = PathOf(name);
        string previous = SysFile.ReadAllText(path).Trim();
        if (previous == "0")
        {
            return;
        }

        SysFile.WriteAllText(path, "0\n");
        _saved.Add((name, previous));
    }

    private string PathOf(string name) => Path.Combine(_root, name, "rp_filter");
}
