using System.Collections.Generic;
using System.Text;
using McProxy.Config;
using McProxy.Config.Model;
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
    /// <summary>Applies the configuration file anew; returns null on success, else what went wrong.</summary>
    internal string? Reload(long now)
    {
        ProxyConfig next;
        try
        {
            next = ConfigLoader.Load(_options.ConfigPath);
        }
        catch (ConfigException e)
        {
            var text = new StringBuilder();
            foreach (ConfigDiagnostic d in e.Diagnostics)
            {
                _log.Error(d.ToString());
                text.Append(d).Append('\n');
            }

            _log.Error("reload failed; the running configuration stays in force");
            return text.Append("reload failed; the running configuration stays in force").ToString();
        }

        if (next.Disabled)
        {
            _log.Notice("the new configuration says 'disable': stopping");
            _loop.Stop();
            return null;
        }

        int[] nextTables = TableNumbers.Assign(next);
        var kept = new List<InstanceRuntime>();
        var retired = new List<InstanceRuntime>();
        foreach (InstanceRuntime running in _instances)
        {
            int i = IndexOfInstance(next, running.Name);
            if (i >= 0 && IsUnchanged(running, next, next.Instances[i], nextTables[i]))
            {
                kept.Add(running);
            }
            else
            {
                retired.Add(running);
            }
        }

        foreach (InstanceRuntime instance in retired)
        {
            _log.Notice($"reload: instance {instance.Name} {(IndexOfInstance(next, instance.Name) >= 0 ? "changed: restarting it" : "removed")}");
            _attachment!.Remove(instance, now);
            instance.Dispose();
            _instances.Remove(instance);
        }

        _config = next;
        foreach (InstanceRuntime instance in kept)
        {
            instance.UpdateConfig(next);
        }

        try
        {
            for (int i = 0; i < next.Instances.Count; i++)
            {
                if (FindInstance(next.Instances[i].Name) is null)
                {
                    _log.Notice($"reload: starting instance {next.Instances[i].Name} (table {nextTables[i]})");
                    StartInstance(next.Instances[i], nextTables[i]);
                }
            }
        }
        catch (DaemonException e)
        {
            // E.g. a new table is held by another router: the rest keeps running.
            _log.Error($"reload: {e.Message}");
            return e.Message;
        }
        finally
        {
            _attachment!.Reconcile(now);
        }

        _log.Notice($"reload done: {kept.Count} instance(s) unchanged, {retired.Count} stopped, {_instances.Count - kept.Count} started");
        return null;
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
