using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Netlink
    {
        /// <summary>struct rtattr (linux/rtnetlink.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct rtattr
        {
            public ushort rta_len;
            public ushort rta_type;
        }
    }
}
