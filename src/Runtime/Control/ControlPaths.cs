using System;
using System.Collections.Generic;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Control;

/// <summary>
/// Where the control socket lives. One daemon per protocol family can run (OpenWrt starts an
/// IGMP and an MLD process): IPv4 configurations use /var/run/mcproxy.sock, IPv6 ones
/// /var/run/mcproxy6.sock, and 'mcproxy show'/'reload' ask each that exists. The environment
/// variable MCPROXY_SOCKET overrides the path for both the daemon and the client (tests keep
/// their sockets in their own directory; two daemons with an override need distinct values).
/// </summary>
internal static class ControlPaths
{
    public const string Variable = "MCPROXY_SOCKET";
    public const string V4 = "/var/run/mcproxy.sock";
    public const string V6 = "/var/run/mcproxy6.sock";

    public static string? Override => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } p ? p : null;

    public static string ForDaemon(IpFamily family, string? overridePath) =>
        overridePath ?? (family == IpFamily.V4 ? V4 : V6);

    /// <summary>
    /// A state file of the daemon that owns <paramref name="socketPath"/>, next to it:
    /// /var/run/mcproxy.sock -> /var/run/mcproxy.NAME (each daemon, and each test, its own).
    /// </summary>
    public static string StateFile(string socketPath, string name) =>
        (socketPath.EndsWith(".sock", StringComparison.Ordinal) ? socketPath[..^5] : socketPath) + "." + name;

    /// <summary>The sockets a client asks: the override, else each default that exists (may be none).</summary>
    public static IReadOnlyList<string> ForClient(string? overridePath, Func<string, bool> exists)
    {
        if (overridePath is not null)
        {
            return new[] { overridePath };
        }

        var list = new List<string>(2);
        foreach (string p in new[] { V4, V6 })
        {
            if (exists(p))
            {
                list.Add(p);
            }
        }

        return list;
    }
}
