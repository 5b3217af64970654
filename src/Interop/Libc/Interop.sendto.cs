using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "sendto", SetLastError = true)]
        private static unsafe partial nint sendto(int fd, byte* buf, nuint len, int flags, void* addr, uint addrlen);

        /// <summary>sendto(2) of one datagram to <paramref name="destination"/> (netlink requests). EINTR is retried.</summary>
        internal static unsafe Errno SendTo<TAddr>(SafeFd fd, ReadOnlySpan<byte> buffer, in TAddr destination)
            where TAddr : unmanaged
        {
            fixed (byte* pb = buffer)
            fixed (TAddr* pn = &destination)
            {
                while (true)
                {
                    if (sendto(fd.Fd, pb, (nuint)buffer.Length, MSG_DONTWAIT, pn, (uint)sizeof(TAddr)) >= 0)
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
