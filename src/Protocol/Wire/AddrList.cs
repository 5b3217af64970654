using System;

namespace McProxy.Protocol.Wire;

/// <summary>Reads packed IPv4 (4-byte) or IPv6 (16-byte) address lists without allocating.</summary>
internal static class AddrList
{
    /// <summary>The address at <paramref name="index"/> of a list of <paramref name="addrLength"/>-byte addresses.</summary>
    public static Addr Read(ReadOnlySpan<byte> list, int addrLength, int index)
    {
        ReadOnlySpan<byte> bytes = list.Slice(index * addrLength, addrLength);
        return addrLength == 4 ? Addr.FromBytes(bytes) : Addr.FromV6Bytes(bytes);
    }

    /// <summary>Copies addresses from index <paramref name="start"/> on into
    /// <paramref name="dest"/>, as many as fit; returns the number copied.</summary>
    public static int Copy(ReadOnlySpan<byte> list, int addrLength, int count, Span<Addr> dest, int start)
    {
        if (start < 0 || start >= count)
        {
            return 0;
        }

        int n = Math.Min(dest.Length, count - start);
        for (int i = 0; i < n; i++)
        {
            dest[i] = Read(list, addrLength, start + i);
        }

        return n;
    }

    /// <summary>Writes addresses of one family packed; returns the bytes written.</summary>
    public static int Write(ReadOnlySpan<Addr> addrs, int addrLength, Span<byte> dest)
    {
        for (int i = 0; i < addrs.Length; i++)
        {
            Write(addrs[i], addrLength, dest[(i * addrLength)..]);
        }

        return addrs.Length * addrLength;
    }

    /// <summary>Writes one address as 4 bytes (must be IPv4) or 16 bytes.</summary>
    public static void Write(Addr addr, int addrLength, Span<byte> dest)
    {
        if (addrLength == 4)
        {
            if (!addr.IsV4)
            {
                throw new ArgumentException("an IGMP address must be IPv4", nameof(addr));
            }

            addr.WriteTo(dest);
        }
        else
        {
            addr.WriteV6To(dest);
        }
    }
}
