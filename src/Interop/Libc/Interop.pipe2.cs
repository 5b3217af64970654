using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_NONBLOCK = 0x800;
        internal const int O_CLOEXEC = 0x80000;

        [LibraryImport(Libraries.Libc, EntryPoint = "pipe2", SetLastError = true)]
        private static unsafe partial int pipe2(int* fds, int flags);

        /// <summary>A non-blocking close-on-exec pipe.</summary>
        internal static unsafe Errno Pipe(out SafeFd readEnd, out SafeFd writeEnd)
        {
            int* fds = stackalloc int[2];
            if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
            {
                readEnd = new SafeFd();
                writeEnd = new SafeFd();
                return LastErrno;
            }

            readEnd = new SafeFd(fds[0]);
            writeEnd = new SafeFd(fds[1]);
            return Errno.OK;
        }
    }
}
