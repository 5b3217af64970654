using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int RLIMIT_NOFILE = 7;

        /// <summary>struct rlimit (sys/resource.h); rlim_t is 64-bit on every target we build
        /// (LP64 glibc/musl, and musl's unsigned long long on 32-bit arm).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct rlimit
        {
            public ulong rlim_cur;
            public ulong rlim_max;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "getrlimit", SetLastError = true)]
        private static unsafe partial int getrlimit(int resource, rlimit* limit);

        [LibraryImport(Libraries.Libc, EntryPoint = "setrlimit", SetLastError = true)]
        private static unsafe partial int setrlimit(int resource, rlimit* limit);

        /// <summary>Raises the soft limit of <paramref name="resource"/> to its hard limit; returns the new soft limit.</summary>
        internal static unsafe Errno RaiseToHardLimit(int resource, out ulong soft)
        {
            rlimit l;
            if (getrlimit(resource, &l) != 0)
            {
                soft = 0;
                return LastErrno;
            }

            soft = l.rlim_cur;
            if (l.rlim_cur >= l.rlim_max)
            {
                return Errno.OK;
            }

            l.rlim_cur = l.rlim_max;
            if (setrlimit(resource, &l) != 0)
            {
                return LastErrno;
            }

            soft = l.rlim_cur;
            return Errno.OK;
        }
    }
}
