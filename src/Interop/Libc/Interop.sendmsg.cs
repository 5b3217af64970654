using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "sendmsg", SetLastError = true)]
        private static unsafe partial nint sendmsg(int fd, msghdr* msg, int flags);

        /// <summary>
        /// sendmsg(2) of one datagram to <paramref name="destination"/> (a sockaddr_in/in6) with
        /// control messages (IP_PKTINFO / IPV6_PKTINFO pick interface and source). EINTR is retried.
        /// </summary>
        internal static unsafe Errno SendMsg<TAddr>(SafeFd fd, ReadOnlySpan<byte> buffer, in TAddr destination, ReadOnlySpan<byte> control)
            where TAddr : unmanaged
        {
            fixed (byte* pb = buffer)
            fixed (byte* pc = control)
            fixed (TAddr* pn = &destination)
            {
                iovec iov = new() { iov_base = pb, iov_len = (nuint)buffer.Length };
                msghdr msg = new()
                {
                    msg_name = pn,
                    msg_namelen = (uint)sizeof(TAddr),
                    msg_iov = &iov,
                    msg_iovlen = 1,
                    msg_control = control.IsEmpty ? null : pc,
                    msg_controllen = (nuint)control.Length,
                };
                while (true)
                {
                    if (sendmsg(fd.Fd, &msg, MSG_DONTWAIT) >= 0)
                    {
                        return Errno.OK;
                    }

                    Errno e = LastErrno;
                    if (e != Errno.EINTR)
                    {
                        return e;
                    }
                }
            }
        }
    }
}
