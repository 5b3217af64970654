using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int IF_NAMESIZE = 16;

        [LibraryImport(Libraries.Libc, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial uint if_nametoindex(string ifname);

        /// <summary>if_nametoindex(3); 0 when there is no such interface (set-up path only: the name is marshalled).</summary>
        internal static int IfNameToIndex(string name) =>
            name.Length == 0 || name.Length >= IF_NAMESIZE ? 0 : (int)if_nametoindex(name);
    }
}
