using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Netlink
    {
        /// <summary>struct ifaddrmsg (linux/if_addr.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ifaddrmsg
        {
            public byte ifa_family;
            public byte ifa_prefixlen;
            public byte ifa_flags;
            public byte ifa_scope;
            public uint ifa_index;
        }
    }
}
