using System;
using System.Runtime.InteropServices;

namespace McProxy.Interop;

/// <summary>An owned file descriptor; -1 is invalid. Closing releases it exactly once.</summary>
internal sealed class SafeFd : SafeHandle
{
    public SafeFd()
        : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    public SafeFd(int fd)
        : base(new IntPtr(-1), ownsHandle: true)
    {
        SetHandle(new IntPtr(fd));
    }

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The raw descriptor number (valid while this handle is open).</summary>
    public int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => Interop.Libc.CloseRaw((int)handle.ToInt64()) == 0;
}
