namespace McProxy.Config;

/// <summary>
/// Which names can be configured. Interface names follow the Linux rules (dev_valid_name:
/// 1..15 bytes, no '/', ':' or blanks); no name may hold '"' or '#', which no mcproxy syntax
/// can write back (1.x strings have no escapes and '#' starts a comment even inside quotes).
/// </summary>
internal static class NameRules
{
    /// <summary>IFNAMSIZ - 1.</summary>
    public const int MaxInterfaceLength = 15;

    public static string? CheckInterface(string name)
    {
        if (name.Length == 0 || name.Length > MaxInterfaceLength || name is "." or "..")
        {
            return $"invalid interface name '{name}'; expected 1 to {MaxInterfaceLength} characters";
        }

        foreach (char c in name)
        {
            if (c <= ' ' || c is '/' or ':' or '"' or '#' or (char)0x7F)
            {
                return $"invalid interface name '{name}'; expected no blanks, control characters, '/', ':', '\"' or '#'";
            }
        }

        return null;
    }

    /// <summary>Instance and table names: not empty, no '"', '#' or control characters.</summary>
    public static string? CheckName(string name, string what)
    {
        if (name.Length == 0)
        {
            return $"empty {what} name; expected a name";
        }

        foreach (char c in name)
        {
            if (c < ' ' || c is '"' or '#' or (char)0x7F)
            {
                return $"invalid {what} name '{name}'; expected no '\"', '#' or control characters";
            }
        }

        return null;
    }
}
