using System;
using System.Collections.Generic;
using System.Text;
using McProxy.Protocol;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Status;

/// <summary>Small formatting rules shared by the text renderer (stable: docs/status.md describes them).</summary>
internal static class StatusFormat
{
    /// <summary>Remaining time in whole seconds, rounded up ("243s"; "0s" = expired or not running).</summary>
    public static string Seconds(long ms) => $"{(Math.Max(0, ms) + 999) / 1000}s";

    /// <summary>An address, or "-" for none (the unspecified address).</summary>
    public static string Address(Addr a) => a == Addr.None || a.IsUnspecified ? "-" : a.ToString();

    public static string Mode(FilterMode mode) => mode == FilterMode.Include ? "INCLUDE" : "EXCLUDE";

    public static string ModeJson(FilterMode mode) => mode == FilterMode.Include ? "include" : "exclude";

    public static string Family(IpFamily family) => family == IpFamily.V4 ? "IPv4" : "IPv6";

    /// <summary>"{a, b}" ("{}" when empty).</summary>
    public static string Sources(IReadOnlyList<Addr> sources)
    {
        var b = new StringBuilder("{");
        for (int i = 0; i < sources.Count; i++)
        {
            b.Append(i == 0 ? string.Empty : ", ").Append(sources[i].ToString());
        }

        return b.Append('}').ToString();
    }

    /// <summary>"dn0 (vif 1), dn1 (vif 2)" for an output mask, "(none)" when empty.</summary>
    public static string Outputs(InstanceSnapshot instance, uint mask)
    {
        var b = new StringBuilder();
        for (int vif = 0; vif < 32; vif++)
        {
            if ((mask & (1u << vif)) != 0)
            {
                b.Append(b.Length == 0 ? string.Empty : ", ").Append(instance.NameOf(vif)).Append(" (vif ").Append(vif).Append(')');
            }
        }

        return b.Length == 0 ? "(none)" : b.ToString();
    }
}
