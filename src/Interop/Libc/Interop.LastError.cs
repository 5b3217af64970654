using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>errno of the last [LibraryImport] call made with SetLastError = true.</summary>
        internal static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();
    }
}
