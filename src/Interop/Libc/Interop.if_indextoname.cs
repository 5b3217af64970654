using System;
using System.Runtime.InteropServices;
using System.Text;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "if_indextoname", SetLastError = true)]
        private static unsafe partial byte* if_indextoname(uint ifindex, byte* ifname);

        /// <summary>if_indextoname(3); null when the index is unknown (ENXIO).</summary>
        internal static unsafe string? IfIndexToName(int ifindex)
        {
            byte* buf = stackalloc byte[IF_NAMESIZE];
            if (if_indextoname((uint)ifindex, buf) == null)
            {
                return null;
            }

            var span = new ReadOnlySpan<byte>(buf, IF_NAMESIZE);
            int len = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(span[..(len < 0 ? IF_NAMESIZE : len)]);
        }
    }
}
