using System;
using System.IO;

namespace McProxy.Platform.Linux;

/// <summary>
/// Resolves "-u USER[:GROUP]" from /etc/passwd and /etc/group themselves, never through libc's
/// getpwnam: a static glibc binary would need glibc's NSS libraries at run time for that, and
/// OpenWrt (musl, no NSS) has none. USER and GROUP are names or decimal ids; without GROUP the
/// user's primary group from /etc/passwd is used. A numeric "UID:GID" needs neither file.
/// </summary>
internal static class AccountFiles
{
    public const string PasswdPath = "/etc/passwd";
    public const string GroupPath = "/etc/group";

    /// <summary>Resolves <paramref name="spec"/> against the files on this machine.</summary>
    public static bool TryResolve(string spec, out uint uid, out uint gid, out string error) =>
        TryResolve(spec, ReadOrNull(PasswdPath), ReadOrNull(GroupPath), out uid, out gid, out error);

    /// <summary>Resolves <paramref name="spec"/> against the given file contents (null: file absent).</summary>
    public static bool TryResolve(string spec, string? passwd, string? group, out uint uid, out uint gid, out string error)
    {
        uid = gid = 0;
        int colon = spec.IndexOf(':');
        string user = colon < 0 ? spec : spec[..colon];
        string? groupName = colon < 0 ? null : spec[(colon + 1)..];
        if (user.Length == 0 || groupName is { Length: 0 })
        {
            error = $"'{spec}' is not USER, USER:GROUP or UID:GID";
            return false;
        }

        // A name is looked up first, so a user literally named "1000" still works; a number
        // that names nobody is taken as the id itself.
        bool userFound = TryFind(passwd, user, byId: false, out string[]? fields)
                         || TryFind(passwd, user, byId: true, out fields);
        uint primaryGid = 0;
        if (userFound)
        {
            if (!TryId(fields![2], out uid) || !TryId(fields[3], out primaryGid))
            {
                error = $"user '{user}' has an unreadable entry in {PasswdPath}";
                return false;
            }
        }
        else if (!TryId(user, out uid))
        {
            error = passwd is null
                ? $"unknown user '{user}': {PasswdPath} is missing (give a numeric UID:GID)"
                : $"unknown user '{user}' (not in {PasswdPath})";
            return false;
        }

        if (groupName is null)
        {
            if (!userFound)
            {
                error = $"user id {uid} has no entry in {PasswdPath}: give the group as UID:GID";
                return false;
            }

            gid = primaryGid;
            error = "";
            return true;
        }

        if (TryFind(group, groupName, byId: false, out string[]? gfields))
        {
            if (!TryId(gfields![2], out gid))
            {
                error = $"group '{groupName}' has an unreadable entry in {GroupPath}";
                return false;
            }
        }
        else if (!TryId(groupName, out gid))
        {
            error = group is null
                ? $"unknown group '{groupName}': {GroupPath} is missing (give a numeric GID)"
                : $"unknown group '{groupName}' (not in {GroupPath})";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>The first entry whose name (field 0) or id (field 2) is <paramref name="key"/>.
    /// Both files share that layout: name:password:id:... Blank lines, comments and NIS
    /// "+"/"-" entries are skipped.</summary>
    private static bool TryFind(string? text, string key, bool byId, out string[]? fields)
    {
        fields = null;
        if (text is null)
        {
            return false;
        }

        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] is '#' or '+' or '-')
            {
                continue;
            }

            string[] f = line.Split(':');
            if (f.Length < 4)
            {
                continue;
            }

            if (f[byId ? 2 : 0] == key)
            {
                fields = f;
                return true;
            }
        }

        return false;
    }

    /// <summary>A decimal id below 2^32 - 1 ((uid_t)-1 means "unchanged" to setresuid).</summary>
    private static bool TryId(string s, out uint id)
    {
        id = 0;
        if (s.Length == 0 || s.Length > 10)
        {
            return false;
        }

        ulong v = 0;
        foreach (char c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            v = v * 10 + (ulong)(c - '0');
        }

        if (v >= uint.MaxValue)
        {
            return false;
        }

        id = (uint)v;
        return true;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return SysFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
