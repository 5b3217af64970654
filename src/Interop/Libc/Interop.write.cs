using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "write", SetLastError = true)]
        private static unsafe partial nint write(int fd, byte* buf, nuint count);

        /// <summary>write(2); returns bytes written or -1 with <paramref name="errno"/>.</summary>
        internal static unsafe int Write(SafeFd fd, ReadOnlySpan<byte> buffer, out Errno errno)
        {
            fixed (byte* p = buffer)
            {
                nint rc = write(fd.Fd, p, (nuint)buffer.Length);
                errno = rc < 0 ? LastErrno : Errno.OK;
                return (int)rc;
            }
        }

        /// <summary>write(2) to a raw descriptor (stdout/stderr logging without a Stream).</summary>
        internal static unsafe int WriteRaw(int fd, ReadOnlySpan<byte> buffer)
        {
            fixed (byte* p = buffer)
            {
                return (int)write(fd, p, (nuint)buffer.Length);
            }
        }
    }
}
