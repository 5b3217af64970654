using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute
    {
        /// <summary>
        /// struct vifctl (linux/mroute.h) for MRT_ADD_VIF/MRT_DEL_VIF. The C union
        /// {vifc_lcl_addr, vifc_lcl_ifindex} is one 4-byte field: with VIFF_USE_IFINDEX it is the ifindex.
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct vifctl
        {
            public ushort vifc_vifi;
            public byte vifc_flags;
            public byte vifc_threshold;
            public uint vifc_rate_limit;
            public int vifc_lcl_ifindex;
            public Libc.in_addr vifc_rmt_addr;
        }

        internal static Errno AddVif(SafeFd fd, in vifctl vif) => Libc.SetSockOpt(fd, Libc.IPPROTO_IP, MRT_ADD_VIF, in vif);

        internal static Errno DelVif(SafeFd fd, in vifctl vif) => Libc.SetSockOpt(fd, Libc.IPPROTO_IP, MRT_DEL_VIF, in vif);
    }
}
