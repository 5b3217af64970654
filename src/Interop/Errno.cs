namespace McProxy.Interop;

/// <summary>Linux errno values the daemon distinguishes (asm-generic/errno-base.h, errno.h).</summary>
internal enum Errno
{
    OK = 0,
    EPERM = 1,
    ENOENT = 2,
    ESRCH = 3,
    EINTR = 4,
    EIO = 5,
    ENXIO = 6,
    E2BIG = 7,
    EBADF = 9,
    EAGAIN = 11,
    ENOMEM = 12,
    EACCES = 13,
    EFAULT = 14,
    EBUSY = 16,
    EEXIST = 17,
    ENODEV = 19,
    EINVAL = 22,
    ENFILE = 23,
    EMFILE = 24,
    ENOSPC = 28,
    EPIPE = 32,
    ERANGE = 34,
    ENOSYS = 38,
    ENOTSOCK = 88,
    EMSGSIZE = 90,
    EPROTOTYPE = 91,
    ENOPROTOOPT = 92,
    EPROTONOSUPPORT = 93,
    EOPNOTSUPP = 95,
    EAFNOSUPPORT = 97,
    EADDRINUSE = 98,
    EADDRNOTAVAIL = 99,
    ENETDOWN = 100,
    ENETUNREACH = 101,
    ENOBUFS = 105,
    ETIMEDOUT = 110,
}

internal static class ErrnoExtensions
{
    /// <summary>Short text for logs, e.g. "EADDRINUSE (98)".</summary>
    public static string Describe(this Errno e) => $"{e} ({(int)e})";
}
