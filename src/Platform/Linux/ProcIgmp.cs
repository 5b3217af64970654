using System;
using System.IO;

namespace McProxy.Platform.Linux;

/// <summary>
/// The IGMP version the kernel's host side speaks on an interface, from /proc/net/igmp's
/// "Querier" column (V1, V2 or V3: it follows the querier heard there, or force_igmp_version).
/// Shown for upstreams in the status: a provider querier that pulls the link down to IGMPv2 is a
/// common reason for streams that stop every few minutes.
/// </summary>
internal static class ProcIgmp
{
    /// <summary>"IGMPv3" etc. for <paramref name="ifname"/>, or null when unknown.</summary>
    public static string? HostVersion(string ifname)
    {
        try
        {
            return Parse(SysFile.ReadAllText("/proc/net/igmp"), ifname);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Finds the device line ("4\teth0      :     1      V3") and maps its Querier column.</summary>
    internal static string? Parse(string text, string ifname)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '\t' || line[0] == ' ')
            {
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            string[] head = line[..colon].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            string[] tail = line[(colon + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (head.Length == 2 && head[1] == ifname && tail.Length >= 2)
            {
                return tail[1] switch
                {
                    "V1" => "IGMPv1",
                    "V2" => "IGMPv2",
                    "V3" => "IGMPv3",
                    _ => null,
                };
            }
        }

        return null;
    }
}
