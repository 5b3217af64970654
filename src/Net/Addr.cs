using System;
using System.Buffers.Binary;
using System.Globalization;

namespace McProxy.Net;

/// <summary>IP address family of a configuration, an instance or a message.</summary>
internal enum IpFamily : byte
{
    V4 = 4,
    V6 = 6,
}

/// <summary>
/// An IPv4 or IPv6 address as a 16-byte value (IPv4 stored v4-mapped, ::ffff:a.b.c.d), so one
/// membership and routing implementation serves IGMP and MLD without allocating
/// (System.Net.IPAddress is a class). Ordering is numeric, IPv4 addresses sort together.
/// </summary>
internal readonly struct Addr : IEquatable<Addr>, IComparable<Addr>
{
    private const ulong V4MappedHi = 0;
    private const ulong V4MappedLoPrefix = 0x0000_FFFF_0000_0000UL;

    /// <summary>Most significant 8 bytes in network order, as a big-endian number.</summary>
    public readonly ulong Hi;

    /// <summary>Least significant 8 bytes in network order, as a big-endian number.</summary>
    public readonly ulong Lo;

    public Addr(ulong hi, ulong lo)
    {
        Hi = hi;
        Lo = lo;
    }

    public static Addr None => default;

    /// <summary>0.0.0.0 (v4-mapped), the IPv4 wildcard.</summary>
    public static Addr AnyV4 => FromV4(0);

    public bool IsV4 => Hi == V4MappedHi && (Lo & 0xFFFF_FFFF_0000_0000UL) == V4MappedLoPrefix;

    public IpFamily Family => IsV4 ? IpFamily.V4 : IpFamily.V6;

    /// <summary>The IPv4 address as a host-order number (only meaningful when <see cref="IsV4"/>).</summary>
    public uint V4 => (uint)Lo;

    /// <summary>True for the unspecified address of its family (0.0.0.0 or ::).</summary>
    public bool IsUnspecified => IsV4 ? V4 == 0 : Hi == 0 && Lo == 0;

    public static Addr FromV4(uint hostOrder) => new(V4MappedHi, V4MappedLoPrefix | hostOrder);

    public static Addr FromV4(byte a, byte b, byte c, byte d) =>
        FromV4(((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d);

    /// <summary>Reads 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    public static Addr FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 4)
        {
            return FromV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        if (bytes.Length != 16)
        {
            throw new ArgumentException("an address is 4 or 16 bytes", nameof(bytes));
        }

        return new Addr(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Reads an IPv6 address (16 bytes); a v4-mapped one becomes an IPv4 address.</summary>
    public static Addr FromV6Bytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Writes 4 bytes for IPv4 or 16 for IPv6; returns the count written.</summary>
    public int WriteTo(Span<byte> dest)
    {
        if (IsV4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(dest, V4);
            return 4;
        }

        BinaryPrimitives.WriteUInt64BigEndian(dest, Hi);
        BinaryPrimitives.WriteUInt64BigEndian(dest[8..], Lo);
        return 16;
    }

    /// <summary>Writes all 16 bytes (v4-mapped for IPv4).</summary>
    public void WriteV6To(Span<byte> dest)
    {
        BinaryPrimitives.WriteUInt64BigEndian(dest, Hi);
        BinaryPrimitives.WriteUInt64BigEndian(dest[8..], Lo);
    }

    public bool IsMulticast => IsV4 ? (V4 >> 28) == 0xE : (Hi >> 56) == 0xFF;

    /// <summary>IPv6 multicast scope (RFC 4291 §2.7), 0 for IPv4 and unicast.</summary>
    public int V6Scope => !IsV4 && IsMulticast ? (int)((Hi >> 48) & 0xF) : 0;

    /// <summary>IPv6 unicast link-local fe80::/10.</summary>
    public bool IsV6LinkLocalUnicast => !IsV4 && (Hi >> 54) == (0xFE80UL >> 6);

    /// <summary>
    /// Groups a proxy must never subscribe upstream: IPv4 local network control block
    /// 224.0.0.0/24 (RFC 5771 §4) and IPv6 interface- and link-local scope (RFC 4291 §2.7),
    /// plus reserved scope 0.
    /// </summary>
    public bool IsLinkLocalScopeMulticast
    {
        get
        {
            if (!IsMulticast)
            {
                return false;
            }

            if (IsV4)
            {
                return (V4 & 0xFFFF_FF00u) == 0xE000_0000u;
            }

            int scope = V6Scope;
            return scope <= 2;
        }
    }

    public bool Equals(Addr other) => Hi == other.Hi && Lo == other.Lo;

    public override bool Equals(object? obj) => obj is Addr other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Hi, Lo);

    public int CompareTo(Addr other)
    {
        int c = Hi.CompareTo(other.Hi);
        return c != 0 ? c : Lo.CompareTo(other.Lo);
    }

    public static bool operator ==(Addr a, Addr b) => a.Equals(b);

    public static bool operator !=(Addr a, Addr b) => !a.Equals(b);

    public static bool operator <(Addr a, Addr b) => a.CompareTo(b) < 0;

    public static bool operator >(Addr a, Addr b) => a.CompareTo(b) > 0;

    public static bool operator <=(Addr a, Addr b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Addr a, Addr b) => a.CompareTo(b) >= 0;

    /// <summary>Parses dotted IPv4 or RFC 4291 §2.2 IPv6 text (including "::" forms and an
    /// embedded IPv4 tail). No zone ids, no leading zeros trickery beyond what inet_pton takes.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Addr addr)
    {
        addr = default;
        if (text.IndexOf(':') < 0)
        {
            if (!TryParseV4(text, out uint v4))
            {
                return false;
            }

            addr = FromV4(v4);
            return true;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!TryParseV6(text, bytes))
        {
            return false;
        }

        addr = FromV6Bytes(bytes);
        return true;
    }

    public static Addr Parse(string text) =>
        TryParse(text, out Addr a) ? a : throw new FormatException($"not an IP address: {text}");

    private static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        int parts = 0;
        while (true)
        {
            int dot = text.IndexOf('.');
            ReadOnlySpan<char> part = dot < 0 ? text : text[..dot];
            if (part.Length == 0 || part.Length > 3)
            {
                return false;
            }

            uint octet = 0;
            foreach (char ch in part)
            {
                if (ch < '0' || ch > '9')
                {
                    return false;
                }

                octet = (octet * 10) + (uint)(ch - '0');
            }

            if (octet > 255 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            value = (value << 8) | octet;
            parts++;
            if (dot < 0)
            {
                break;
            }

            text = text[(dot + 1)..];
            if (parts == 4)
            {
                return false;
            }
        }

        return parts == 4;
    }

    private static bool TryParseV6(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        // Split at "::" (at most once), parse both halves into 16-bit words, then place the
        // tail at the end; an embedded dotted IPv4 address may end the text (RFC 4291 §2.2 item 3).
        Span<ushort> head = stackalloc ushort[8];
        Span<ushort> tail = stackalloc ushort[8];
        int gap = text.IndexOf("::".AsSpan());
        int headCount;
        int tailCount = 0;
        if (gap >= 0)
        {
            if (text[(gap + 2)..].IndexOf("::".AsSpan()) >= 0)
            {
                return false;
            }

            if (!TryParseWords(text[..gap], head, out headCount) ||
                !TryParseWords(text[(gap + 2)..], tail, out tailCount) ||
                headCount + tailCount > 7)
            {
                return false;
            }
        }
        else
        {
            if (!TryParseWords(text, head, out headCount) || headCount != 8)
            {
                return false;
            }
        }

        bytes.Clear();
        for (int i = 0; i < headCount; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes[(2 * i)..], head[i]);
        }

        for (int i = 0; i < tailCount; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes[(2 * (8 - tailCount + i))..], tail[i]);
        }

        return true;
    }

    private static bool TryParseWords(ReadOnlySpan<char> text, Span<ushort> words, out int count)
    {
        count = 0;
        if (text.Length == 0)
        {
            return true;
        }

        while (true)
        {
            int colon = text.IndexOf(':');
            ReadOnlySpan<char> part = colon < 0 ? text : text[..colon];
            if (colon < 0 && part.IndexOf('.') >= 0)
            {
                if (count > 6 || !TryParseV4(part, out uint v4))
                {
                    return false;
                }

                words[count++] = (ushort)(v4 >> 16);
                words[count++] = (ushort)v4;
                return true;
            }

            if (part.Length == 0 || part.Length > 4 || count == 8 ||
                !ushort.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort w))
            {
                return false;
            }

            words[count++] = w;
            if (colon < 0)
            {
                return true;
            }

            text = text[(colon + 1)..];
        }
    }

    /// <summary>Formats into <paramref name="dest"/> without allocating; returns chars written.
    /// IPv6 uses the RFC 5952 canonical form.</summary>
    public int Format(Span<char> dest)
    {
        int n = 0;
        if (IsV4)
        {
            uint v = V4;
            for (int i = 3; i >= 0; i--)
            {
                ((v >> (8 * i)) & 0xFF).TryFormat(dest[n..], out int w, default, CultureInfo.InvariantCulture);
                n += w;
                if (i > 0)
                {
                    dest[n++] = '.';
                }
            }

            return n;
        }

        Span<ushort> words = stackalloc ushort[8];
        for (int i = 0; i < 4; i++)
        {
            words[i] = (ushort)(Hi >> (48 - (16 * i)));
            words[i + 4] = (ushort)(Lo >> (48 - (16 * i)));
        }

        // RFC 5952 §4.2: compress the longest run (>= 2) of zero words, the first on ties.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;)
        {
            if (words[i] != 0)
            {
                i++;
                continue;
            }

            int j = i;
            while (j < 8 && words[j] == 0)
            {
                j++;
            }

            if (j - i > bestLen)
            {
                bestStart = i;
                bestLen = j - i;
            }

            i = j;
        }

        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                dest[n++] = ':';
                if (i == 0)
                {
                    dest[n++] = ':';
                }

                i += bestLen - 1;
                continue;
            }

            words[i].TryFormat(dest[n..], out int w, "x", CultureInfo.InvariantCulture);
            n += w;
            if (i < 7)
            {
                dest[n++] = ':';
            }
        }

        return n;
    }

    public override string ToString()
    {
        Span<char> buf = stackalloc char[48];
        return new string(buf[..Format(buf)]);
    }
}
