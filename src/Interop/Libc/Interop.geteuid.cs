using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "geteuid")]
        private static partial uint geteuid();

        internal static uint EffectiveUserId => geteuid();
    }
}
