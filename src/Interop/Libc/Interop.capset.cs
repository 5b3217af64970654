using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint _LINUX_CAPABILITY_VERSION_3 = 0x20080522;
        internal const int CAP_NET_ADMIN = 12;
        internal const int CAP_NET_RAW = 13;

        /// <summary>struct __user_cap_header_struct (linux/capability.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct __user_cap_header_struct
        {
            public uint version;
            public int pid;
        }

        /// <summary>struct __user_cap_data_struct; version 3 takes two of them (capabilities 0-31, 32-63).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct __user_cap_data_struct
        {
            public uint effective;
            public uint permitted;
            public uint inheritable;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "capset", SetLastError = true)]
        private static unsafe partial int capset(__user_cap_header_struct* header, __user_cap_data_struct* data);

        /// <summary>Sets the calling thread's effective and permitted sets to exactly <paramref name="mask"/>
        /// (capabilities 0-31), nothing inheritable.</summary>
        internal static unsafe Errno SetCapabilities(uint mask)
        {
            var header = new __user_cap_header_struct { version = _LINUX_CAPABILITY_VERSION_3, pid = 0 };
            __user_cap_data_struct* data = stackalloc __user_cap_data_struct[2];
            data[0] = new __user_cap_data_struct { effective = mask, permitted = mask, inheritable = 0 };
            data[1] = default;
            return capset(&header, data) == 0 ? Errno.OK : LastErrno;
        }
    }
}
