using System;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Multicast;

/// <summary>Conversions between <see cref="Addr"/> and the kernel's socket address structs.</summary>
internal static class Sockaddr
{
    public static Libc.in_addr InAddr(Addr a) => Libc.in_addr.FromHostOrder(a.V4);

    public static Libc.sockaddr_in In(Addr a) => Libc.sockaddr_in.FromHostOrder(a.V4);

    public static Libc.in6_addr In6Addr(Addr a)
    {
        Span<byte> b = stackalloc byte[16];
        a.WriteV6To(b);
        return Libc.in6_addr.FromBytes(b);
    }

    public static Libc.sockaddr_in6 In6(Addr a, uint scopeId = 0)
    {
        Span<byte> b = stackalloc byte[16];
        a.WriteV6To(b);
        return Libc.sockaddr_in6.FromBytes(b, scopeId);
    }

    /// <summary>A sockaddr_storage holding a sockaddr_in for IPv4 or a sockaddr_in6 otherwise.</summary>
    public static Libc.sockaddr_storage Storage(Addr a) =>
        a.IsV4 ? Libc.sockaddr_storage.From(In(a)) : Libc.sockaddr_storage.From(In6(a));

    public static Addr FromInAddr(Libc.in_addr a) => Addr.FromV4(a.ToHostOrder());

    public static Addr FromIn6Addr(in Libc.in6_addr a)
    {
        Span<byte> b = stackalloc byte[16];
        a.CopyTo(b);
        return Addr.FromV6Bytes(b);
    }
}
