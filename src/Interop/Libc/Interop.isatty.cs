using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "isatty")]
        private static partial int isatty(int fd);

        /// <summary>Whether <paramref name="fd"/> is a terminal (log format and colour decisions).</summary>
        internal static bool IsTerminal(int fd) => isatty(fd) == 1;
    }
}
