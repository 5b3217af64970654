using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "setresuid", SetLastError = true)]
        private static partial int setresuid(uint ruid, uint euid, uint suid);

        [LibraryImport(Libraries.Libc, EntryPoint = "setresgid", SetLastError = true)]
        private static partial int setresgid(uint rgid, uint egid, uint sgid);

        [LibraryImport(Libraries.Libc, EntryPoint = "setgroups", SetLastError = true)]
        private static unsafe partial int setgroups(nuint size, uint* list);

        /// <summary>Real, effective and saved user id all to <paramref name="uid"/> (no way back).</summary>
        internal static Errno SetUid(uint uid) => setresuid(uid, uid, uid) == 0 ? Errno.OK : LastErrno;

        internal static Errno SetGid(uint gid) => setresgid(gid, gid, gid) == 0 ? Errno.OK : LastErrno;

        /// <summary>Drops every supplementary group.</summary>
        internal static unsafe Errno ClearGroups() => setgroups(0, null) == 0 ? Errno.OK : LastErrno;
    }
}
