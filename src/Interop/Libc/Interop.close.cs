using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "close", SetLastError = true)]
        private static partial int close(int fd);

        /// <summary>Used by <see cref="SafeFd"/> only.</summary>
        internal static int CloseRaw(int fd) => close(fd);
    }
}
