using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int CLONE_NEWNET = 0x40000000;

        [LibraryImport(Libraries.Libc, EntryPoint = "setns", SetLastError = true)]
        private static partial int setns(int fd, int nstype);

        /// <summary>setns(2): moves the calling thread into the namespace <paramref name="nsFd"/> refers to.</summary>
        internal static Errno SetNs(SafeFd nsFd, int nstype) => setns(nsFd.Fd, nstype) == 0 ? Errno.OK : LastErrno;
    }
}
