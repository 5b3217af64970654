using System;

namespace McProxy.Config.Legacy;

/// <summary>
/// The 1.x keywords (case-insensitive). Our parser reads any word as a name where a name is
/// expected; mcproxy 1.1 does not, so the canonical writer quotes names equal to a keyword.
/// </summary>
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
