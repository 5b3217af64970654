namespace McProxy.Protocol.Routing;

/// <summary>Told when <see cref="RouteTable"/> expires a route (its counter stopped).</summary>
internal interface IRouteRemovedListener
{
    void OnRouteRemoved(Addr source, Addr group, int inputId);
}
