using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SOL_SOCKET = 1;
        internal const int SO_RCVBUF = 8;
        internal const int SO_BINDTODEVICE = 25;
        internal const int SO_RCVBUFFORCE = 33;

        [LibraryImport(Libraries.Libc, EntryPoint = "setsockopt", SetLastError = true)]
        private static unsafe partial int setsockopt(int fd, int level, int optname, void* optval, uint optlen);

        /// <summary>setsockopt(2) with a blittable option value (an int, a kernel struct).</summary>
        internal static unsafe Errno SetSockOpt<T>(SafeFd fd, int level, int optname, in T value)
            where T : unmanaged
        {
            fixed (T* p = &value)
            {
                return setsockopt(fd.Fd, level, optname, p, (uint)sizeof(T)) == 0 ? Errno.OK : LastErrno;
            }
        }

        /// <summary>setsockopt(2) with a byte buffer (variable-length options: group_filter, IP_OPTIONS, IPV6_HOPOPTS).</summary>
        internal static unsafe Errno SetSockOpt(SafeFd fd, int level, int optname, ReadOnlySpan<byte> value)
        {
            fixed (byte* p = value)
            {
                return setsockopt(fd.Fd, level, optname, p, (uint)value.Length) == 0 ? Errno.OK : LastErrno;
            }
        }

        /// <summary>setsockopt(2) with a C int.</summary>
        internal static Errno SetSockOptInt(SafeFd fd, int level, int optname, int value) =>
            SetSockOpt(fd, level, optname, in value);
    }
}
