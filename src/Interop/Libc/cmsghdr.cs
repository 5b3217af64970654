using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct cmsghdr (sys/socket.h); the data follows at <see cref="CmsgHeaderSpace"/>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct cmsghdr
        {
            public nuint cmsg_len;
            public int cmsg_level;
            public int cmsg_type;
        }

        /// <summary>CMSG_ALIGN: control data is aligned to sizeof(size_t).</summary>
        internal static int CmsgAlign(int length) => (length + IntPtr.Size - 1) & ~(IntPtr.Size - 1);

        /// <summary>CMSG_ALIGN(sizeof(struct cmsghdr)).</summary>
        internal static int CmsgHeaderSpace => CmsgAlign(Unsafe.SizeOf<cmsghdr>());

        /// <summary>CMSG_SPACE(dataLength).</summary>
        internal static int CmsgSpace(int dataLength) => CmsgHeaderSpace + CmsgAlign(dataLength);

        /// <summary>
        /// Walks control messages (CMSG_FIRSTHDR/CMSG_NXTHDR) over the bytes recvmsg filled in;
        /// <paramref name="offset"/> starts at 0. False at the end or on a malformed header.
        /// </summary>
        internal static bool NextCmsg(ReadOnlySpan<byte> control, scoped ref int offset, out int level, out int type, out ReadOnlySpan<byte> data)
        {
            level = 0;
            type = 0;
            data = default;
            int header = CmsgHeaderSpace;
            if (offset < 0 || control.Length - offset < header)
            {
                return false;
            }

            ReadOnlySpan<byte> h = control[offset..];
            ulong len = IntPtr.Size == 8 ? MemoryMarshal.Read<ulong>(h) : MemoryMarshal.Read<uint>(h);
            if (len < (ulong)header || len > (ulong)(control.Length - offset))
            {
                return false;
            }

            level = MemoryMarshal.Read<int>(h[IntPtr.Size..]);
            type = MemoryMarshal.Read<int>(h[(IntPtr.Size + 4)..]);
            data = h[header..(int)len];
            offset += CmsgAlign((int)len);
            return true;
        }

        /// <summary>Writes one control message at <paramref name="offset"/>; returns the offset after it (CMSG_SPACE).</summary>
        internal static int WriteCmsg(Span<byte> control, int offset, int level, int type, ReadOnlySpan<byte> data)
        {
            Span<byte> h = control[offset..];
            h[..CmsgSpace(data.Length)].Clear();
            nuint len = (nuint)(CmsgHeaderSpace + data.Length);
            MemoryMarshal.Write(h, in len);
            MemoryMarshal.Write(h[IntPtr.Size..], in level);
            MemoryMarshal.Write(h[(IntPtr.Size + 4)..], in type);
            data.CopyTo(h[CmsgHeaderSpace..]);
            return offset + CmsgSpace(data.Length);
        }
    }
}
