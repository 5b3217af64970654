using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // struct tm begins with int tm_sec, tm_min, tm_hour in every libc; the rest (up to 56
        // bytes on LP64) is left to an oversized buffer. time_t is 64-bit on all our targets
        // (x86-64, arm64, and musl >= 1.2 on 32-bit arm).
        [LibraryImport(Libraries.Libc, EntryPoint = "localtime_r")]
        private static unsafe partial void* localtime_r(long* time, int* tm);

        /// <summary>Local wall-clock hour, minute and second of a Unix time, as libc's zone rules say
        /// (the log sink uses this instead of TimeZoneInfo, which costs the binary ~70 KB).</summary>
        internal static unsafe bool TryLocalTime(long unixSeconds, out int hour, out int minute, out int second)
        {
            int* tm = stackalloc int[32];
            if (localtime_r(&unixSeconds, tm) == null)
            {
                hour = minute = second = 0;
                return false;
            }

            second = tm[0];
            minute = tm[1];
            hour = tm[2];
            return true;
        }
    }
}
