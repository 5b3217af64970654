using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute6
    {
        /// <summary>struct mif6ctl (linux/mroute6.h) for MRT6_ADD_MIF; MRT6_DEL_MIF takes just the mifi_t.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct mif6ctl
        {
            public ushort mif6c_mifi;
            public byte mif6c_flags;
            public byte vifc_threshold;
            public ushort mif6c_pifi;
            public uint vifc_rate_limit;
        }

        internal static Errno AddMif(SafeFd fd, in mif6ctl mif) => Libc.SetSockOpt(fd, Libc.IPPROTO_IPV6, MRT6_ADD_MIF, in mif);

        internal static Errno DelMif(SafeFd fd, ushort mifi) => Libc.SetSockOpt(fd, Libc.IPPROTO_IPV6, MRT6_DEL_MIF, in mifi);
    }
}
