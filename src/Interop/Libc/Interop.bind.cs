using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "bind", SetLastError = true)]
        private static unsafe partial int bind(int fd, void* addr, uint addrlen);

        /// <summary>bind(2) to a sockaddr_in, sockaddr_in6 or sockaddr_nl.</summary>
        internal static unsafe Errno Bind<TAddr>(SafeFd fd, in TAddr address)
            where TAddr : unmanaged
        {
            fixed (TAddr* p = &address)
            {
                return bind(fd.Fd, p, (uint)sizeof(TAddr)) == 0 ? Errno.OK : LastErrno;
            }
        }
    }
}
