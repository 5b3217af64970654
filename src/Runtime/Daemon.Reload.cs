using System;
using System.Collections.Generic;
using System.Text;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Interop;
using McProxy.Platform.Multicast;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime;

/// <summary>
/// Reload without disruption (SIGHUP, "mcproxy reload"): the new configuration is read and
/// validated first; a broken one is reported and the running one stays in force. Then only the
/// difference is applied, per instance: an instance whose definition, kernel table, interface
/// settings and protocol are all unchanged is not touched (no upstream leave/join, no route
/// flap); removed and changed instances are torn down, changed and added ones set up.
/// </summary>
internal sealed partial class Daemon
{
    /// <summary>SIGHUP and 'mcproxy reload' refused since the start (status).</summary>
    private long _failedReloads;

    /// <summary>
    /// Applies the configuration file anew; returns null on success, else what went wrong. A
    /// reload that fails for any reason (the file cannot be read, parsed or validated, or an
    /// instance cannot be started) leaves the configuration that was running in force: the
    /// instances it stopped are started again as they were (issue 13 item 7).
    /// </summary>
    internal string? Reload(long now)
    {
        if (!TryLoad(out ProxyConfig? next, out string? error))
        {
            _failedReloads++;
            _log.Error("reload failed; the running configuration stays in force");
            return error + "reload failed; the running configuration stays in force";
        }

        if (next.Disabled)
        {
            _log.Notice("the new configuration says 'disable': stopping");
            _loop.Stop();
            return null;
        }

        ProxyConfig previous = _config;
        var kept = new List<InstanceRuntime>();
        var retired = new List<(InstanceConfig Config, int Table)>();
        var opened = new Dictionary<string, IMrouteSocket>();
        var started = new List<InstanceRuntime>();
        try
        {
            int[] nextTables = TableNumbers.Assign(next);
            foreach (InstanceRuntime running in _instances)
            {
                int i = IndexOfInstance(next, running.Name);
                if (i >= 0 && IsUnchanged(running, next, next.Instances[i], nextTables[i]))
                {
                    kept.Add(running);
                }
            }

            // Tables no instance of ours holds are taken before anything is stopped: the usual
            // reason a reload cannot be applied (another router holds the table) then changes
            // nothing at all.
            for (int i = 0; i < next.Instances.Count; i++)
            {
                if (!IsKept(kept, next.Instances[i].Name) && !HoldsTable(nextTables[i], next.Protocol.Family()))
                {
                    opened[next.Instances[i].Name] = OpenKernel(next.Instances[i], nextTables[i], next.Protocol.Family());
                }
            }

            foreach (InstanceRuntime instance in _instances.ToArray())
            {
                if (!kept.Contains(instance))
                {
                    _log.Notice($"reload: instance {instance.Name} {(IndexOfInstance(next, instance.Name) >= 0 ? "changed: restarting it" : "removed")}");
                    retired.Add((instance.Config, instance.Table));
                    StopInstance(instance, now);
                }
            }

            _config = next;
            foreach (InstanceRuntime instance in kept)
            {
                instance.UpdateConfig(next);
            }

            for (int i = 0; i < next.Instances.Count; i++)
            {
                if (FindInstance(next.Instances[i].Name) is null)
                {
                    _log.Notice($"reload: starting instance {next.Instances[i].Name} (table {nextTables[i]})");
                    opened.Remove(next.Instances[i].Name, out IMrouteSocket? kernel);
                    StartInstance(next.Instances[i], nextTables[i], kernel);
                    started.Add(_instances[^1]);
                }
            }

            _attachment!.Reconcile(now);
        }
        catch (Exception e)
        {
            foreach (IMrouteSocket kernel in opened.Values)
            {
                kernel.Dispose();
            }

            // E.g. a new table is held by another router: back to what ran before.
            _failedReloads++;
            string why = e is DaemonException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            _log.Error($"reload: {why}");
            RollBack(previous, started, retired, now);
            _log.Error("reload failed; the running configuration stays in force");
            return $"{why}\nreload failed; the running configuration stays in force";
        }

        _log.Notice($"reload done: {kept.Count} instance(s) unchanged, {retired.Count} stopped, {_instances.Count - kept.Count} started");
        return null;
    }

    /// <summary>Reads and validates the file; any failure (unreadable, syntax, validation) is reported, never thrown.</summary>
    private bool TryLoad([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProxyConfig? next, out string? error)
    {
        next = null;
        error = null;
        try
        {
            next = ConfigLoader.Load(_options.ConfigPath);
            return true;
        }
        catch (ConfigException e)
        {
            var text = new StringBuilder();
            foreach (ConfigDiagnostic d in e.Diagnostics)
            {
                _log.Error(d.ToString());
                text.Append(d).Append('\n');
            }

            error = text.ToString();
        }
        catch (Exception e)
        {
            // E.g. the file went away, or is not readable by the user -u dropped to.
            error = $"{_options.ConfigPath}: {e.Message}\n";
            _log.Error($"reload: cannot read {_options.ConfigPath}: {e.Message}");
        }

        return false;
    }

    private static bool IsKept(List<InstanceRuntime> kept, string name)
    {
        foreach (InstanceRuntime instance in kept)
        {
            if (instance.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private bool HoldsTable(int table, IpFamily family)
    {
        foreach (InstanceRuntime instance in _instances)
        {
            if (instance.Table == table && instance.Family == family)
            {
                return true;
            }
        }

        return false;
    }

    private void StopInstance(InstanceRuntime instance, long now)
    {
        _attachment!.Remove(instance, now);
        instance.Dispose();
        _instances.Remove(instance);
    }

    // Undoes a reload that failed half-way: what it started is stopped, the other instances get
    // their old settings back, and the instances it stopped start again on their old tables.
    private void RollBack(ProxyConfig previous, List<InstanceRuntime> started, List<(InstanceConfig Config, int Table)> retired, long now)
    {
        foreach (InstanceRuntime instance in started)
        {
            StopInstance(instance, now);
        }

        _config = previous;
        foreach (InstanceRuntime instance in _instances)
        {
            instance.UpdateConfig(previous);
        }

        foreach ((InstanceConfig config, int table) in retired)
        {
            try
            {
                StartInstance(config, table);
                _log.Notice($"reload: instance {config.Name} restored");
            }
            catch (Exception e)
            {
                _log.Error($"reload: instance {config.Name} could not be restored: {e.Message}");
            }
        }

        _attachment!.Reconcile(now);
    }

    private bool IsUnchanged(InstanceRuntime running, ProxyConfig next, InstanceConfig nextInstance, int nextTable)
    {
        if (running.Config != nextInstance || running.Table != nextTable || _config.Protocol != next.Protocol
            || _config.ProxySsdp != next.ProxySsdp)
        {
            return false;
        }

        foreach (string name in nextInstance.Downstreams)
        {
            if (_config.SettingsFor(name) != next.SettingsFor(name))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOfInstance(ProxyConfig config, string name)
    {
        for (int i = 0; i < config.Instances.Count; i++)
        {
            if (config.Instances[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private InstanceRuntime? FindInstance(string name)
    {
        foreach (InstanceRuntime instance in _instances)
        {
            if (instance.Name == name)
            {
                return instance;
            }
        }

        return null;
    }
}
