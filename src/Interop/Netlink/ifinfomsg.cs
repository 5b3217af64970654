using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Netlink
    {
        /// <summary>struct ifinfomsg (linux/rtnetlink.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ifinfomsg
        {
            public byte ifi_family;
            public byte __ifi_pad;
            public ushort ifi_type;
            public int ifi_index;
            public uint ifi_flags;
            public uint ifi_change;
        }
    }
}
