using System;
using System.Collections.Generic;
using System.IO;
using McProxy.Interop;
using McProxy.Platform.Linux;
using McProxy.Runtime.Control;
using McProxy.Runtime.Status;

namespace McProxy.Cli;

/// <summary>
/// 'mcproxy show status|groups|routes|interfaces [--json]' and 'mcproxy reload': asks the running
/// daemon(s) over the control socket (<see cref="ControlPaths"/>) and prints the answer. With
/// two daemons (IPv4 and IPv6) each is asked in turn; JSON answers then come one per line.
/// </summary>
internal static class ControlClient
{
    private const int TimeoutMs = 5000;

    public static int Run(Options options, TextWriter stdout, TextWriter stderr)
    {
        string verb = options.Command == Command.Reload ? "reload" : "show";
        if (Interop.Interop.Libc.EffectiveUserId != 0)
        {
            stderr.WriteLine($"mcproxy: '{verb}' needs root: the daemon's control socket is root only (try: sudo mcproxy {verb} ...)");
            return ExitCodes.NoPermission;
        }

        ControlRequest request = options.Command == Command.Reload
            ? ControlRequest.Reload
            : ControlRequest.Show(Section(options.ShowWhat), options.Json, options.Verbosity);
        IReadOnlyList<string> paths = ControlPaths.ForClient(ControlPaths.Override, File.Exists);
        if (paths.Count == 0)
        {
            stderr.WriteLine($"mcproxy: no running mcproxy daemon found (no control socket at {ControlPaths.V4} or {ControlPaths.V6}; " +
                $"{ControlPaths.Variable} names another)");
            return ExitCodes.Unavailable;
        }

        int rc = ExitCodes.Ok;
        foreach (string path in paths)
        {
            int one = Ask(path, request, stdout, stderr);
            rc = rc == ExitCodes.Ok ? one : rc;
        }

        return rc;
    }

    private static StatusSection Section(string? what) =>
        what is not null && StatusSectionExtensions.TryParse(what, out StatusSection s) ? s : StatusSection.Status;

    private static int Ask(string path, ControlRequest request, TextWriter stdout, TextWriter stderr)
    {
        Errno e = UnixSocket.Connect(path, out SafeFd fd);
        using (fd)
        {
            if (e != Errno.OK)
            {
                stderr.WriteLine($"mcproxy: {path}: {Describe(e)}");
                return e is Errno.EACCES or Errno.EPERM ? ExitCodes.NoPermission : ExitCodes.Unavailable;
            }

            byte[] line = System.Text.Encoding.UTF8.GetBytes(request.Format());
            if (Interop.Interop.Libc.Write(fd, line, out e) != line.Length)
            {
                stderr.WriteLine($"mcproxy: {path}: cannot send the request: {e.Describe()}");
                return ExitCodes.Unavailable;
            }

            if (!TryReadAll(fd, out byte[] answer, out string problem) || !ControlReply.TryDecode(answer, out ControlReply reply, out problem))
            {
                stderr.WriteLine($"mcproxy: {path}: {problem}");
                return ExitCodes.Unavailable;
            }

            FdTextWriter target = reply.IsOk ? FdTextWriter.Out : FdTextWriter.Error;
            (reply.IsOk ? stdout : stderr).Flush();
            target.WriteBytes(reply.Body);
            return reply.ExitCode;
        }
    }

    /// <summary>Reads until the daemon closes the connection (it always does after answering).</summary>
    private static bool TryReadAll(SafeFd fd, out byte[] answer, out string problem)
    {
        // A growing array, not a MemoryStream: any Stream costs the binary ~20 KB (SysFile says why).
        byte[] data = new byte[65536];
        int length = 0;
        long deadline = Environment.TickCount64 + TimeoutMs;
        while (true)
        {
            if (length == data.Length)
            {
                Array.Resize(ref data, data.Length * 2);
            }

            int n = Interop.Interop.Libc.Read(fd, data.AsSpan(length), out Errno e);
            if (n > 0)
            {
                length += n;
                continue;
            }

            if (n == 0)
            {
                break;
            }

            long left = deadline - Environment.TickCount64;
            if ((e != Errno.EAGAIN && e != Errno.EINTR) || left <= 0 || (e == Errno.EAGAIN && !UnixSocket.Wait(fd, false, (int)left)))
            {
                answer = data.AsSpan(0, length).ToArray();
                problem = e is Errno.EAGAIN or Errno.EINTR ? $"the daemon did not answer within {TimeoutMs / 1000} s" : $"receive failed: {e.Describe()}";
                return false;
            }
        }

        answer = data.AsSpan(0, length).ToArray();
        problem = string.Empty;
        return true;
    }

    private static string Describe(Errno e) => e switch
    {
        Errno.ENOENT => "no such socket (is the daemon running?)",
        UnixSocket.ConnectionRefused => "no daemon answers (a stale socket file: the daemon that made it is gone)",
        Errno.EACCES or Errno.EPERM => "permission denied (the control socket is root only)",
        _ => e.Describe(),
    };
}
