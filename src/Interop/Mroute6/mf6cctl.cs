using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute6
    {
        /// <summary>struct mf6cctl (linux/mroute6.h) for MRT6_ADD_MFC/MRT6_DEL_MFC (only sin6_addr of the sockaddrs is used).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct mf6cctl
        {
            public Libc.sockaddr_in6 mf6cc_origin;
            public Libc.sockaddr_in6 mf6cc_mcastgrp;
            public ushort mf6cc_parent;
            public if_set mf6cc_ifset;
        }

        internal static Errno AddMfc(SafeFd fd, in mf6cctl mfc) => Libc.SetSockOpt(fd, Libc.IPPROTO_IPV6, MRT6_ADD_MFC, in mfc);

        internal static Errno DelMfc(SafeFd fd, in mf6cctl mfc) => Libc.SetSockOpt(fd, Libc.IPPROTO_IPV6, MRT6_DEL_MFC, in mfc);
    }
}
