namespace McProxy.Protocol.Routing;

/// <summary>
/// Identity of one kernel forwarding entry. The kernel keeps one entry per (S,G) and
/// MRT_ADD_MFC on an existing (S,G) replaces its input (net/ipv4/ipmr.c, net/ipv6/ip6mr.c), so
/// the input interface is a property of the route, not part of its key.
/// </summary>
internal readonly record struct RouteKey(Addr Source, Addr Group);
