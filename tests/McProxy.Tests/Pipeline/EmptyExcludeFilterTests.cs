using System;
using McProxy.Interop;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using Xunit;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Pipeline;

/// <summary>
/// Found by bench/peer.sh's report flood (the daemon aborted): an upstream subscription going
/// from EXCLUDE {S} to EXCLUDE {} sets an MCAST_MSFILTER with no sources, whose size
/// (GROUP_FILTER_SIZE(0)) is shorter than the group_filter struct; viewing it as the struct
/// threw ArgumentOutOfRangeException. Any client leaving an EXCLUDE {S} filter while another
/// host wants the whole group triggers it.
/// </summary>
public class EmptyExcludeFilterTests
{
    [Fact]
    public void SettingAnExcludeFilterWithoutSourcesDoesNotThrow()
    {
        Assert.Equal(Errno.OK, Libc.Socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0, out SafeFd fd));
        using (fd)
        {
            byte[] scratch = new byte[Libc.GroupFilterSize(1)];
            Libc.sockaddr_storage group = Sockaddr.Storage(Addr.Parse("239.1.2.3"));
            // The kernel's answer (not joined, no such interface, ...) does not matter here.
            Libc.SetMsFilter(fd, Libc.IPPROTO_IP, 1, group, Libc.MCAST_EXCLUDE, ReadOnlySpan<Libc.sockaddr_storage>.Empty, scratch);
        }
    }
}
