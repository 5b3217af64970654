using McProxy.Interop;
using McProxy.Platform.Multicast;
using Xunit;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Platform;

/// <summary>The routing socket's receive buffer holds a burst of reports (issue 17), past net.core.rmem_max as root.</summary>
public sealed class ReceiveBufferTests
{
    [Fact]
    public void RoutingSocketBufferIsSizedForBursts()
    {
        if (!NetNs.RootTestsEnabled())
        {
            return;
        }

        Assert.Equal(Errno.OK, Libc.Socket(Libc.AF_INET, Libc.SOCK_DGRAM, Libc.IPPROTO_UDP, out SafeFd fd));
        using (fd)
        {
            MrouteSocket.SizeReceiveBuffer(fd);
            int size = 0;
            Assert.Equal(Errno.OK, Libc.GetSockOpt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, ref size, out _));

            // The kernel reports twice what was asked (its per-packet overhead included).
            Assert.True(size >= 2 * MrouteSocket.ReceiveBufferBytes, $"SO_RCVBUF {size}");
        }
    }
}
