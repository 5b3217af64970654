using McProxy.Interop;
using Mroute = McProxy.Interop.Interop.Mroute;
using Mroute6 = McProxy.Interop.Interop.Mroute6;

namespace McProxy.Platform.Multicast;

/// <summary>
/// The kernel's counters of one forwarding entry (SIOCGETSGCNT / SIOCGETSGCNT_IN6 on the
/// instance's routing socket, so the instance's table is the one asked): what
/// /proc/net/ip_mr_cache shows as Pkts, Bytes and Wrong.
/// </summary>
internal static class KernelRouteCounters
{
    public static Errno Read(IFamilyKernel kernel, Addr source, Addr group, out RouteCounters counters)
    {
        counters = default;
        Errno e;
        if (kernel.Family == IpFamily.V4)
        {
            var req = new Mroute.sioc_sg_req { src = Sockaddr.InAddr(source), grp = Sockaddr.InAddr(group) };
            e = Mroute.GetSgCount(kernel.Fd, ref req);
            if (e == Errno.OK)
            {
                counters = new RouteCounters(req.pktcnt.Value, req.bytecnt.Value, req.wrong_if.Value);
            }
        }
        else
        {
            var req = new Mroute6.sioc_sg_req6 { src = Sockaddr.In6(source), grp = Sockaddr.In6(group) };
            e = Mroute6.GetSgCount(kernel.Fd, ref req);
            if (e == Errno.OK)
            {
                counters = new RouteCounters(req.pktcnt.Value, req.bytecnt.Value, req.wrong_if.Value);
            }
        }

        return e;
    }
}
