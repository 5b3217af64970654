using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Netlink
    {
        /// <summary>struct nlmsgerr (linux/netlink.h): error is a negative errno, 0 for an ACK.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct nlmsgerr
        {
            public int error;
            public nlmsghdr msg;
        }
    }
}
