namespace McProxy.Protocol.Routing;

/// <summary>Identity of one kernel forwarding entry: (S,G) arriving on an interface id.</summary>
internal readonly record struct RouteKey(Addr Source, Addr Group, int InputId);
