
namespace McProxy.Platform.Multicast;

/// <summary>
/// How an MLD message arrived (RFC 3810 §5: a receiver checks the link-local source, hop limit 1
/// and the Router Alert option): interface, source, destination, hop limit (-1 unknown), RA seen.
/// </summary>
internal readonly record struct MldPacketInfo(int IfIndex, Addr Source, Addr Destination, int HopLimit, bool RouterAlert);
