
namespace McProxy.Platform.Multicast;

/// <summary>One kernel upcall: the (S,G) of the data packet and the vif (mif) it arrived on.</summary>
internal readonly record struct MrouteUpcall(UpcallKind Kind, int Vif, Addr Source, Addr Group);
