using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int PR_SET_KEEPCAPS = 8;
        internal const int PR_SET_NO_NEW_PRIVS = 38;

        [LibraryImport(Libraries.Libc, EntryPoint = "prctl", SetLastError = true)]
        private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

        internal static Errno Prctl(int option, nuint value) => prctl(option, value, 0, 0, 0) == 0 ? Errno.OK : LastErrno;
    }
}
