using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "getsockopt", SetLastError = true)]
        private static unsafe partial int getsockopt(int fd, int level, int optname, void* optval, uint* optlen);

        /// <summary>getsockopt(2) into a blittable value; <paramref name="length"/> is what the kernel wrote.</summary>
        internal static unsafe Errno GetSockOpt<T>(SafeFd fd, int level, int optname, ref T value, out int length)
            where T : unmanaged
        {
            uint len = (uint)sizeof(T);
            fixed (T* p = &value)
            {
                int rc = getsockopt(fd.Fd, level, optname, p, &len);
                length = (int)len;
                return rc == 0 ? Errno.OK : LastErrno;
            }
        }

        /// <summary>getsockopt(2) of a C int.</summary>
        internal static Errno GetSockOptInt(SafeFd fd, int level, int optname, out int value)
        {
            value = 0;
            return GetSockOpt(fd, level, optname, ref value, out _);
        }
    }
}
