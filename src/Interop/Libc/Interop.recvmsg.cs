using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "recvmsg", SetLastError = true)]
        private static unsafe partial nint recvmsg(int fd, msghdr* msg, int flags);

        /// <summary>
        /// recvmsg(2) of one datagram into preallocated buffers (no allocation). Returns the
        /// datagram length (may exceed <paramref name="buffer"/> when <see cref="MSG_TRUNC"/> is
        /// in <paramref name="flags"/>) or -1 with <paramref name="errno"/> (EAGAIN: drained).
        /// EINTR is retried here.
        /// </summary>
        internal static unsafe int RecvMsg(
            SafeFd fd,
            Span<byte> buffer,
            Span<byte> name,
            Span<byte> control,
            out int nameLength,
            out int controlLength,
            out int flags,
            out Errno errno)
        {
            fixed (byte* pb = buffer)
            fixed (byte* pn = name)
            fixed (byte* pc = control)
            {
                iovec iov = new() { iov_base = pb, iov_len = (nuint)buffer.Length };
                msghdr msg = new()
                {
                    msg_name = name.IsEmpty ? null : pn,
                    msg_namelen = (uint)name.Length,
                    msg_iov = &iov,
                    msg_iovlen = 1,
                    msg_control = control.IsEmpty ? null : pc,
                    msg_controllen = (nuint)control.Length,
                };
                nint rc;
                do
                {
                    rc = recvmsg(fd.Fd, &msg, MSG_DONTWAIT | MSG_TRUNC);
                    errno = rc < 0 ? LastErrno : Errno.OK;
                }
                while (rc < 0 && errno == Errno.EINTR);

                nameLength = (int)msg.msg_namelen;
                controlLength = rc < 0 ? 0 : (int)msg.msg_controllen;
                flags = msg.msg_flags;
                return (int)rc;
            }
        }
    }
}
