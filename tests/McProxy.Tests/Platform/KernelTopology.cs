using System;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Platform;

/// <summary>
/// Router namespace R and host namespace H: r0 (10.0.0.1/24, fd00::1/64) in R is cabled to h0
/// (10.0.0.2/24, fd00::2/64) in H; r1 (10.1.0.1/24) in R is cabled to r1p, also in R.
/// </summary>
internal sealed class KernelTopology : IDisposable
{
    public KernelTopology()
    {
        R = NetNs.Create();
        try
        {
            H = NetNs.Create();
            NetNs.Sh("ip", $"link add r0 netns {R.Name} type veth peer name h0 netns {H.Name}");
            R.Ip("link add r1 type veth peer name r1p");
            R.Ip("addr add 10.0.0.1/24 dev r0");
            R.Ip("addr add fd00::1/64 dev r0 nodad");
            R.Ip("addr add 10.1.0.1/24 dev r1");
            H.Ip("addr add 10.0.0.2/24 dev h0");
            H.Ip("addr add fd00::2/64 dev h0 nodad");
            foreach (string l in new[] { "r0", "r1", "r1p" })
            {
                R.Ip($"link set {l} up");
            }

            H.Ip("link set h0 up");

            // IPv6 configures a link (ff00::/8 route, MLD) only once the carrier is up, which
            // linkwatch may report up to a second later.
            bool ready = Wait.Until(3000, () =>
                NetNs.Sh("ip", $"-n {H.Name} -6 route show table local").Contains("ff00::/8 dev h0", StringComparison.Ordinal)
                && NetNs.Sh("ip", $"-n {R.Name} -6 route show table local").Contains("ff00::/8 dev r0", StringComparison.Ordinal));
            if (!ready)
            {
                throw new InvalidOperationException("veth links did not come up");
            }

            R0 = R.Run(() => Libc.IfNameToIndex("r0"));
            R1 = R.Run(() => Libc.IfNameToIndex("r1"));
            H0 = H.Run(() => Libc.IfNameToIndex("h0"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetNs R { get; }

    public NetNs H { get; } = null!;

    public int R0 { get; }

    public int R1 { get; }

    public int H0 { get; }

    public void Dispose()
    {
        H?.Dispose();
        R.Dispose();
    }
}
