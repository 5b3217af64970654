
namespace McProxy.Platform.Interfaces;

/// <summary>An interface address as rtnetlink reports it.</summary>
internal readonly record struct AddressInfo(int IfIndex, Addr Address, byte PrefixLength, byte Scope);
