using System;
using System.Diagnostics;
using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Platform;

internal static class Wait
{
    /// <summary>Polls <paramref name="fd"/> and calls <paramref name="tryTake"/> while readable, until it returns true or the time is up.</summary>
    public static bool ForReadable(SafeFd fd, int timeoutMs, Func<bool> tryTake)
    {
        var sw = Stopwatch.StartNew();
        var fds = new Libc.pollfd[1];
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            fds[0] = new Libc.pollfd { fd = fd.Fd, events = Libc.POLLIN };
            int left = (int)Math.Max(1, timeoutMs - sw.ElapsedMilliseconds);
            if (Libc.Poll(fds, 1, left, out _) > 0 && tryTake())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Retries <paramref name="check"/> for up to <paramref name="timeoutMs"/>.</summary>
    public static bool Until(int timeoutMs, Func<bool> check)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (check())
            {
                return true;
            }

            System.Threading.Thread.Sleep(20);
        }

        return check();
    }
}
