using System.Runtime.InteropServices;

namespace McProxy.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The leading fields of struct passwd (pwd.h); the same in glibc and musl.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct passwd
        {
            public byte* pw_name;
            public byte* pw_passwd;
            public uint pw_uid;
            public uint pw_gid;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static unsafe partial passwd* getpwnam(string name);

        /// <summary>Looks a user up (set-up path only: getpwnam is not reentrant).</summary>
        internal static unsafe bool TryGetUser(string name, out uint uid, out uint gid)
        {
            passwd* pw = getpwnam(name);
            if (pw == null)
            {
                uid = 0;
                gid = 0;
                return false;
            }

            uid = pw->pw_uid;
            gid = pw->pw_gid;
            return true;
        }
    }
}
