using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using McProxy.Platform.Io;
using Microsoft.Win32.SafeHandles;

namespace McProxy.Platform.Host;

/// <summary>
/// The `-r` option: sets net.ipv4.conf.{all,UPSTREAM}.rp_filter to 0 so data from foreign
/// subnets is accepted on the upstreams, remembering each previous value and restoring exactly
/// that on Dispose (the original always restored 1, even where it had been 0 or 2, and turned
/// it off on downstreams too).
///
/// Reverse-path filtering uses the maximum of "all" and the interface value, so "all" must be
/// 0 for an upstream to be 0. A downstream keeps its filtering (a LAN host must not send data
/// with a spoofed upstream source, issue 13 item 2): where "all" was higher than its own value,
/// its own value is raised to what "all" was, so its effective value does not change.
///
/// Every value changed is also written to a state file (opened before the privilege drop and
/// kept open, so it stays writable), and <see cref="RestoreLeftovers"/> at the next start puts
/// back what a crash or SIGKILL left changed.
/// </summary>
internal sealed class RpFilter : IDisposable
{
    private readonly string _root;
    private readonly List<(string Name, string Previous)> _saved = new();
    private readonly List<string> _downstreams = new();
    private readonly SafeFileHandle? _state;
    private readonly string? _statePath;
    private int _allBefore;

    /// <param name="confRoot">/proc/sys/net/ipv4/conf (tests pass a directory of their own).</param>
    /// <param name="statePath">Where the changed values are kept until they are restored; null: nowhere.</param>
    public RpFilter(string confRoot = "/proc/sys/net/ipv4/conf", string? statePath = null)
    {
        _root = confRoot;
        _statePath = statePath;
        if (statePath is not null)
        {
            _state = File.OpenHandle(statePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            RandomAccess.SetLength(_state, 0);
        }
    }

    /// <summary>Interfaces (and "all") whose value was changed, with the value to restore.</summary>
    public IReadOnlyList<(string Name, string Previous)> Saved => _saved;

    /// <summary>
    /// Puts back the values a daemon that did not exit cleanly left in <paramref name="statePath"/>
    /// ("NAME VALUE" lines) and empties the file. Returns the names restored; interfaces that no
    /// longer exist are skipped. No file, nothing to do.
    /// </summary>
    public static List<string> RestoreLeftovers(string statePath, string confRoot = "/proc/sys/net/ipv4/conf")
    {
        var restored = new List<string>();
        string text;
        try
        {
            text = SysFile.ReadAllText(statePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return restored;
        }

        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Newest first, as a clean exit does.
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            string[] parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !IsName(parts[0]) || !int.TryParse(parts[1], out int value) || value is < 0 or > 2)
            {
                continue;
            }

            try
            {
                SysFile.WriteAllText(Path.Combine(confRoot, parts[0], "rp_filter"), value + "\n");
                restored.Add(parts[0]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The interface is gone: its value went with it.
            }
        }

        using SafeFileHandle h = File.OpenHandle(statePath, FileMode.Open, FileAccess.Write);
        RandomAccess.SetLength(h, 0);
        return restored;
    }

    /// <summary>Disables rp_filter on the upstream <paramref name="ifname"/> and on "all" (first call). Throws IOException when unwritable.</summary>
    public void Disable(string ifname)
    {
        CheckName(ifname);
        if (DisableOne("all", out string previousAll) && int.TryParse(previousAll, out int before))
        {
            _allBefore = before;
            foreach (string d in _downstreams)
            {
                Keep(d);
            }
        }

        DisableOne(ifname, out _);
    }

    /// <summary>
    /// A downstream: its effective rp_filter stays what it was (its own value raised to what
    /// "all" was, if <see cref="Disable"/> lowered "all"). Throws IOException when unwritable.
    /// </summary>
    public void Protect(string ifname)
    {
        CheckName(ifname);
        if (!_downstreams.Contains(ifname))
        {
            _downstreams.Add(ifname);
        }

        Keep(ifname);
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
        _allBefore = 0;
        Persist();
        return failed;
    }

    public void Dispose()
    {
        Restore();
        _state?.Dispose();
        if (_statePath is not null)
        {
            try
            {
                File.Delete(_statePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // After a privilege drop the directory may not be ours: the file stays, empty.
            }
        }
    }

    private static bool IsName(string name) => name.Length > 0 && !name.Contains('/') && name is not ("." or "..");

    private static void CheckName(string ifname)
    {
        if (!IsName(ifname))
        {
            throw new ArgumentException($"not an interface name: '{ifname}'", nameof(ifname));
        }
    }

    // Raises a downstream's own value to what "all" was before we lowered it.
    private void Keep(string name)
    {
        if (_allBefore == 0 || IsSaved(name))
        {
            return;
        }

        string path = PathOf(name);
        string previous = SysFile.ReadAllText(path).Trim();
        if (int.TryParse(previous, out int own) && own >= _allBefore)
        {
            return;
        }

        Change(name, previous, _allBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // True when this call changed the value (it was not 0 and not already saved).
    private bool DisableOne(string name, out string previous)
    {
        previous = string.Empty;
        if (IsSaved(name))
        {
            return false;
        }

        string path = PathOf(name);
        previous = SysFile.ReadAllText(path).Trim();
        if (previous == "0")
        {
            return false;
        }

        Change(name, previous, "0");
        return true;
    }

    private void Change(string name, string previous, string value)
    {
        // Saved (and persisted) before the write: a crash between the two restores a value
        // that is still in place, which is harmless.
        _saved.Add((name, previous));
        Persist();
        SysFile.WriteAllText(PathOf(name), value + "\n");
    }

    private bool IsSaved(string name)
    {
        foreach ((string n, string _) in _saved)
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }

    private void Persist()
    {
        if (_state is null)
        {
            return;
        }

        var b = new StringBuilder();
        foreach ((string n, string v) in _saved)
        {
            b.Append(n).Append(' ').Append(v).Append('\n');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(b.ToString());
        RandomAccess.SetLength(_state, 0);
        RandomAccess.Write(_state, bytes, 0);
    }

    private string PathOf(string name) => Path.Combine(_root, name, "rp_filter");
}
