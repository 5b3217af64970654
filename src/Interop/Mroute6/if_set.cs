using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Mroute6
    {
        /// <summary>struct if_set (linux/mroute6.h): IF_SETSIZE (256) bits in 32-bit words.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct if_set
        {
            public fixed uint ifs_bits[IF_SETSIZE / 32];

            /// <summary>IF_SET.</summary>
            public void Set(int n) => ifs_bits[n >> 5] |= 1u << (n & 31);

            /// <summary>IF_ISSET.</summary>
            public readonly bool IsSet(int n) => (ifs_bits[n >> 5] & (1u << (n & 31))) != 0;
        }
    }
}
