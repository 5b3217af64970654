using System;
using McProxy.Interop;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Loop;

/// <summary>poll(2) over a preallocated pollfd array (grown only when descriptors are added).</summary>
internal sealed class PollPoller : IPoller
{
    private Interop.Interop.Libc.pollfd[] _fds = new Interop.Interop.Libc.pollfd[8];

    public int Wait(ReadOnlySpan<int> fds, Span<bool> ready, int timeoutMs)
    {
        if (_fds.Length < fds.Length)
        {
            _fds = new Interop.Interop.Libc.pollfd[fds.Length * 2];
        }

        for (int i = 0; i < fds.Length; i++)
        {
            _fds[i].fd = fds[i];
            _fds[i].events = Interop.Interop.Libc.POLLIN;
            _fds[i].revents = 0;
        }

        int rc = Interop.Interop.Libc.Poll(_fds, fds.Length, timeoutMs, out Errno errno);
        if (rc < 0)
        {
            // EINTR: a signal arrived; its byte is waiting in the signal pipe.
            if (errno == Errno.EINTR)
            {
                return 0;
            }

            throw new ErrnoException("poll", errno);
        }

        for (int i = 0; i < fds.Length && rc > 0; i++)
        {
            ready[i] = _fds[i].revents != 0;
        }

        return rc;
    }
}
