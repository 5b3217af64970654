using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct pollfd (poll.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct pollfd
        {
            public int fd;
            public short events;
            public short revents;
        }

        internal const short POLLIN = 0x001;
        internal const short POLLPRI = 0x002;
        internal const short POLLOUT = 0x004;
        internal const short POLLERR = 0x008;
        internal const short POLLHUP = 0x010;
        internal const short POLLNVAL = 0x020;

        // poll() rather than ppoll(): an int millisecond timeout does not depend on the
        // 32/64-bit time_t layout (a trap on 32-bit musl targets).
        [LibraryImport(Libraries.Libc, EntryPoint = "poll", SetLastError = true)]
        private static unsafe partial int poll(pollfd* fds, nuint nfds, int timeout);

        /// <summary>poll(2) over the first <paramref name="count"/> entries; returns ready count or a negative errno.</summary>
        internal static unsafe int Poll(Span<pollfd> fds, int count, int timeoutMs, out Errno errno)
        {
            fixed (pollfd* p = fds)
            {
                int rc = poll(p, (nuint)count, timeoutMs);
                errno = rc < 0 ? LastErrno : Errno.OK;
                return rc;
            }
        }
    }
}
