using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Netlink
    {
        /// <summary>struct fib_rule_hdr (linux/fib_rules.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct fib_rule_hdr
        {
            public byte family;
            public byte dst_len;
            public byte src_len;
            public byte tos;
            public byte table;
            public byte res1;
            public byte res2;
            public byte action;
            public uint flags;
        }
    }
}
