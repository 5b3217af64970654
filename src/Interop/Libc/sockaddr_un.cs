using System;
using System.Runtime.InteropServices;
using System.Text;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AF_UNIX = 1;

        /// <summary>Bytes in sun_path (sys/un.h), including the terminating NUL.</summary>
        internal const int UnixPathMax = 108;

        /// <summary>struct sockaddr_un (sys/un.h): a filesystem path, NUL-terminated.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct sockaddr_un
        {
            public ushort sun_family;
            public fixed byte sun_path[UnixPathMax];

            /// <summary>False when the path (UTF-8, plus its NUL) does not fit sun_path.</summary>
            public static bool TryCreate(string path, out sockaddr_un address)
            {
                address = default;
                address.sun_family = AF_UNIX;
                int length = Encoding.UTF8.GetByteCount(path);
                if (length == 0 || length >= UnixPathMax)
                {
                    return false;
                }

                fixed (byte* p = address.sun_path)
                {
                    Encoding.UTF8.GetBytes(path, new Span<byte>(p, UnixPathMax));
                }

                return true;
            }
        }
    }
}
