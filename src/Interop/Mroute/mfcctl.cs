using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute
    {
        /// <summary>struct mfcctl (linux/mroute.h) for MRT_ADD_MFC/MRT_DEL_MFC.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct mfcctl
        {
            public Libc.in_addr mfcc_origin;
            public Libc.in_addr mfcc_mcastgrp;
            public ushort mfcc_parent;
            public fixed byte mfcc_ttls[MAXVIFS];
            public uint mfcc_pkt_cnt;
            public uint mfcc_byte_cnt;
            public uint mfcc_wrong_if;
            public int mfcc_expire;

            /// <summary>Sets the TTL threshold of output vif <paramref name="vifi"/> (0 = not an output).</summary>
            public void SetTtl(int vifi, byte ttl) => mfcc_ttls[vifi] = ttl;

            public readonly byte GetTtl(int vifi) => mfcc_ttls[vifi];
        }

        internal static Errno AddMfc(SafeFd fd, in mfcctl mfc) => Libc.SetSockOpt(fd, Libc.IPPROTO_IP, MRT_ADD_MFC, in mfc);

        internal static Errno DelMfc(SafeFd fd, in mfcctl mfc) => Libc.SetSockOpt(fd, Libc.IPPROTO_IP, MRT_DEL_MFC, in mfc);
    }
}
