using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "umask")]
        private static partial uint umask(uint mask);

        /// <summary>umask(2): sets the mask, returns the previous one (never fails).</summary>
        internal static uint Umask(uint mask) => umask(mask);
    }
}
