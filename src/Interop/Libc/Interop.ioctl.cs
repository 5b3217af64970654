using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint SIOCPROTOPRIVATE = 0x89E0;

        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        private static unsafe partial int ioctl(int fd, nuint request, void* arg);

        /// <summary>ioctl(2) whose argument is a pointer to a blittable struct read and written by the kernel.</summary>
        internal static unsafe Errno Ioctl<T>(SafeFd fd, uint request, ref T arg)
            where T : unmanaged
        {
            fixed (T* p = &arg)
            {
                return ioctl(fd.Fd, request, p) == 0 ? Errno.OK : LastErrno;
            }
        }
    }
}
