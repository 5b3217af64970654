using System;
using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Io;

/// <summary>
/// AF_UNIX stream sockets for the control channel: a listener bound to a root-only path and
/// non-blocking connections. Every descriptor is non-blocking and close-on-exec.
/// </summary>
internal static class UnixSocket
{
    /// <summary>ECONNREFUSED: a socket file nobody listens on (a stale one).</summary>
    public const Errno ConnectionRefused = (Errno)111;

    /// <summary>ENAMETOOLONG: the path does not fit sun_path (107 bytes).</summary>
    public const Errno NameTooLong = (Errno)36;

    /// <summary>
    /// Binds and listens on <paramref name="path"/> with mode 0600: the umask is tightened around
    /// bind(2), so the file is never reachable by others, not even for a moment.
    /// </summary>
    public static Errno Listen(string path, int backlog, out SafeFd listener)
    {
        listener = new SafeFd();
        if (!Libc.sockaddr_un.TryCreate(path, out Libc.sockaddr_un address))
        {
            return NameTooLong;
        }

        Errno e = Libc.Socket(Libc.AF_UNIX, Libc.SOCK_STREAM, 0, out SafeFd fd);
        if (e != Errno.OK)
        {
            return e;
        }

        uint old = Libc.Umask(0b_001_111_111);
        e = Libc.Bind(fd, address);
        Libc.Umask(old);
        if (e == Errno.OK)
        {
            e = Libc.Listen(fd, backlog);
        }

        if (e != Errno.OK)
        {
            fd.Dispose();
            return e;
        }

        listener = fd;
        return Errno.OK;
    }

    /// <summary>Connects to <paramref name="path"/> (non-blocking; AF_UNIX connects at once or fails).</summary>
    public static Errno Connect(string path, out SafeFd connection)
    {
        connection = new SafeFd();
        if (!Libc.sockaddr_un.TryCreate(path, out Libc.sockaddr_un address))
        {
            return NameTooLong;
        }

        Errno e = Libc.Socket(Libc.AF_UNIX, Libc.SOCK_STREAM, 0, out SafeFd fd);
        if (e != Errno.OK)
        {
            return e;
        }

        e = Libc.Connect(fd, address);
        if (e != Errno.OK)
        {
            fd.Dispose();
            return e;
        }

        connection = fd;
        return Errno.OK;
    }

    public static Errno Accept(SafeFd listener, out SafeFd connection) => Libc.Accept(listener, out connection);

    /// <summary>The peer's user id (SO_PEERCRED), or -1 when unknown.</summary>
    public static long PeerUid(SafeFd connection)
    {
        var cred = default(Libc.ucred);
        return Libc.GetSockOpt(connection, Libc.SOL_SOCKET, Libc.SO_PEERCRED, ref cred, out _) == Errno.OK ? cred.uid : -1;
    }

    /// <summary>Raises the send buffer so a whole answer fits (SO_SNDBUFFORCE as root, else SO_SNDBUF).</summary>
    public static void GrowSendBuffer(SafeFd connection, int bytes)
    {
        const int SO_SNDBUF = 7;
        const int SO_SNDBUFFORCE = 32;
        if (Libc.SetSockOptInt(connection, Libc.SOL_SOCKET, SO_SNDBUFFORCE, bytes) != Errno.OK)
        {
            Libc.SetSockOptInt(connection, Libc.SOL_SOCKET, SO_SNDBUF, bytes);
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for <paramref name="fd"/> to be readable (or writable).</summary>
    public static bool Wait(SafeFd fd, bool forWrite, int timeoutMs)
    {
        Span<Libc.pollfd> p = stackalloc Libc.pollfd[1];
        p[0].fd = fd.Fd;
        p[0].events = forWrite ? Libc.POLLOUT : Libc.POLLIN;
        return Libc.Poll(p, 1, timeoutMs, out _) > 0;
    }

    public static Errno Unlink(string path) => Libc.Unlink(path);

    /// <summary>
    /// Whether <paramref name="path"/> names a UNIX domain socket: open(2) refuses exactly those
    /// with ENXIO (a regular file, directory or FIFO opens; O_NONBLOCK keeps a FIFO from
    /// blocking). Before unlinking a path that refused a connection: connect(2) also says
    /// ECONNREFUSED for a regular file, which must never be removed.
    /// </summary>
    public static bool IsSocket(string path)
    {
        Errno e = Libc.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, out SafeFd fd);
        fd.Dispose();
        return e == Errno.ENXIO;
    }
}
