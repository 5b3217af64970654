using System;

namespace McProxy.Config.Legacy;

/// <summary>The 1.x keywords (case-insensitive); a bare name equal to one must be quoted.</summary>
internal static class Keywords
{
    private static readonly string[] s_all =
    {
        "protocol", "mldv1", "mldv2", "igmpv1", "igmpv2", "igmpv3", "pinstance", "upstream", "downstream",
        "rulematching", "out", "in", "blacklist", "whitelist", "table", "all", "first", "mutex", "disable",
    };

    public static bool IsKeyword(string word)
    {
        foreach (string k in s_all)
        {
            if (string.Equals(k, word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
