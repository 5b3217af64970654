using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "read", SetLastError = true)]
        private static unsafe partial nint read(int fd, byte* buf, nuint count);

        /// <summary>read(2); returns bytes read (0 = end) or -1 with <paramref name="errno"/>.</summary>
        internal static unsafe int Read(SafeFd fd, Span<byte> buffer, out Errno errno)
        {
            fixed (byte* p = buffer)
            {
                nint rc = read(fd.Fd, p, (nuint)buffer.Length);
                errno = rc < 0 ? LastErrno : Errno.OK;
                return (int)rc;
            }
        }
    }
}
