using McProxy.Interop;
using McProxy.Platform.Multicast;

namespace McProxy.Runtime;

// Read-only accessors for the status output (Runtime/Status); never on the packet path.
internal sealed partial class InstanceRuntime
{
    /// <summary>The kernel's packet, byte and wrong-interface counters of the entry (S,G) in this instance's table.</summary>
    public bool TryGetRouteCounters(Addr source, Addr group, out RouteCounters counters) =>
        _kernel.GetCounters(source, group, out counters) == Errno.OK;
}
