using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct icmp6_filter (netinet/icmp6.h): bit set = type BLOCKED (ICMP6_FILTER_SETBLOCK).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct icmp6_filter
        {
            public fixed uint icmp6_filt[8];

            /// <summary>A filter that blocks every type except <paramref name="passTypes"/>.</summary>
            public static icmp6_filter PassOnly(System.ReadOnlySpan<byte> passTypes)
            {
                icmp6_filter f = default;
                for (int i = 0; i < 8; i++)
                {
                    f.icmp6_filt[i] = uint.MaxValue;
                }

                foreach (byte t in passTypes)
                {
                    f.icmp6_filt[t >> 5] &= ~(1u << (t & 31));
                }

                return f;
            }
        }

        internal const int ICMP6_FILTER = 1;
    }
}
