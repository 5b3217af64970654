using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// struct group_filter (netinet/in.h), for MCAST_MSFILTER (RFC 3678 §5.2): a header and
        /// gf_numsrc source entries, of which the C declaration shows the first.
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct group_filter
        {
            public uint gf_interface;
            public sockaddr_storage gf_group;
            public uint gf_fmode;
            public uint gf_numsrc;
            public sockaddr_storage gf_slist;
        }

        /// <summary>GROUP_FILTER_SIZE(numsrc).</summary>
        internal static int GroupFilterSize(int numsrc) =>
            Unsafe.SizeOf<group_filter>() - Unsafe.SizeOf<sockaddr_storage>() + (numsrc * Unsafe.SizeOf<sockaddr_storage>());

        /// <summary>
        /// setsockopt(MCAST_MSFILTER) with the filter built in <paramref name="scratch"/> (at least
        /// <see cref="GroupFilterSize"/>(sources.Length) bytes; preallocated by the caller).
        /// </summary>
        internal static Errno SetMsFilter(
            SafeFd fd, int level, int ifindex, in sockaddr_storage group, int fmode, ReadOnlySpan<sockaddr_storage> sources, Span<byte> scratch)
        {
            int size = GroupFilterSize(sources.Length);
            // With no sources the filter (GROUP_FILTER_SIZE(0)) is shorter than the struct, which
            // declares one gf_slist entry: view the header through the whole scratch buffer.
            Span<byte> buf = scratch[..Math.Max(size, Unsafe.SizeOf<group_filter>())];
            buf.Clear();
            ref group_filter gf = ref MemoryMarshal.AsRef<group_filter>(buf);
            gf.gf_interface = (uint)ifindex;
            gf.gf_group = group;
            gf.gf_fmode = (uint)fmode;
            gf.gf_numsrc = (uint)sources.Length;
            int listOffset = GroupFilterSize(0); // gf_slist is the last field
            MemoryMarshal.AsBytes(sources).CopyTo(buf[listOffset..]);
            return SetSockOpt(fd, level, MCAST_MSFILTER, buf[..size]);
        }
    }
}
