namespace McProxy.Platform.Multicast;

/// <summary>Packets, bytes and wrong-interface arrivals of one kernel forwarding entry.</summary>
internal readonly record struct RouteCounters(ulong Packets, ulong Bytes, ulong WrongIf);
