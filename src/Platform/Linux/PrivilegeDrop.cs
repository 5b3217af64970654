using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Linux;

/// <summary>
/// After the daemon has opened its sockets, it can run as an unprivileged user that keeps only
/// CAP_NET_ADMIN (multicast routing, policy rules, rp_filter sysctls) and CAP_NET_RAW (new raw
/// sockets when a reload starts an instance). Order matters: keep capabilities across the uid
/// change, drop groups and gid while still root, then uid, then trim the sets.
/// </summary>
internal static class PrivilegeDrop
{
    /// <summary>Switches to <paramref name="user"/> (USER, USER:GROUP or UID:GID, see
    /// <see cref="AccountFiles"/>); throws <see cref="ErrnoException"/>, or returns false with
    /// <paramref name="error"/> when it does not resolve.</summary>
    public static bool To(string user, out uint uid, out uint gid, out string error)
    {
        if (!AccountFiles.TryResolve(user, out uid, out gid, out error))
        {
            return false;
        }

        Check("prctl(PR_SET_KEEPCAPS)", Libc.Prctl(Libc.PR_SET_KEEPCAPS, 1));
        Check("setgroups", Libc.ClearGroups());
        Check("setresgid", Libc.SetGid(gid));
        Check("setresuid", Libc.SetUid(uid));
        const uint keep = (1u << Libc.CAP_NET_ADMIN) | (1u << Libc.CAP_NET_RAW);
        Check("capset", Libc.SetCapabilities(keep));
        // Nothing this process executes may gain privileges back (setuid binaries, file caps).
        Check("prctl(PR_SET_NO_NEW_PRIVS)", Libc.Prctl(Libc.PR_SET_NO_NEW_PRIVS, 1));
        return true;
    }

    private static void Check(string what, Errno e)
    {
        if (e != Errno.OK)
        {
            throw new ErrnoException(what, e);
        }
    }
}
