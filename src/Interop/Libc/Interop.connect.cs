using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "connect", SetLastError = true)]
        private static unsafe partial int connect(int fd, void* addr, uint addrlen);

        /// <summary>connect(2) to a blittable socket address (sockaddr_un for the control socket).</summary>
        internal static unsafe Errno Connect<TAddr>(SafeFd fd, in TAddr address)
            where TAddr : unmanaged
        {
            fixed (TAddr* p = &address)
            {
                return connect(fd.Fd, p, (uint)sizeof(TAddr)) == 0 ? Errno.OK : LastErrno;
            }
        }
    }
}
