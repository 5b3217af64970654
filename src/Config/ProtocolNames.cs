using System;

namespace McProxy.Config;

/// <summary>Protocol names as written in all syntaxes (case-insensitive).</summary>
internal static class ProtocolNames
{
    public const string Expected = "IGMPv1, IGMPv2, IGMPv3, MLDv1 or MLDv2";

    public static bool TryParse(string text, out ProtocolVersion version)
    {
        foreach (ProtocolVersion v in new[] { ProtocolVersion.IGMPv1, ProtocolVersion.IGMPv2, ProtocolVersion.IGMPv3, ProtocolVersion.MLDv1, ProtocolVersion.MLDv2 })
        {
            if (string.Equals(v.Name(), text, StringComparison.OrdinalIgnoreCase))
            {
                version = v;
                return true;
            }
        }

        version = default;
        return false;
    }
}
