using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using McProxy.Interop;
using McProxy.Protocol;
using Xunit;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Platform;

/// <summary>
/// A capture point for IGMPv3 / MLDv2 reports on the far side of a link: a raw socket in the
/// neighbour namespace joined to 224.0.0.22 / ff02::16. Records are decoded per RFC 3376 §4.2 /
/// RFC 3810 §5.2 (type, group, sources).
/// </summary>
internal sealed class ReportCapture : IDisposable
{
    private readonly SafeFd _raw;
    private readonly SafeFd _join;
    private readonly bool _v6;
    private readonly byte[] _buf = new byte[9000];

    private ReportCapture(SafeFd raw, SafeFd join, bool v6)
    {
        _raw = raw;
        _join = join;
        _v6 = v6;
    }

    public readonly record struct Record(RecordType Type, Addr Group, Addr[] Sources);

    /// <summary>Opens inside the namespace (call from <see cref="NetNs.Run{T}"/>).</summary>
    public static ReportCapture Open(int ifindex, bool v6)
    {
        SafeFd raw = MrouteSocket4Tests.OpenRaw(v6 ? Libc.AF_INET6 : Libc.AF_INET, v6 ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_IGMP);
        SafeFd join = MrouteSocket4Tests.OpenUdpJoined(ifindex, Addr.Parse(v6 ? "ff02::16" : "224.0.0.22"));
        return new ReportCapture(raw, join, v6);
    }

    /// <summary>Collects records for <paramref name="group"/> for up to <paramref name="ms"/> or until <paramref name="enough"/> says so.</summary>
    public List<Record> Collect(Addr group, int ms, Func<List<Record>, bool> enough)
    {
        var records = new List<Record>();
        Wait.ForReadable(_raw, ms, () =>
        {
            while (true)
            {
                int n = Libc.RecvMsg(_raw, _buf, default, default, out _, out _, out _, out Errno e);
                if (n <= 0)
                {
                    return enough(records);
                }

                int offset = _v6 ? 0 : (_buf[0] & 0xF) * 4;
                Parse(_buf.AsSpan(offset, n - offset), group, records);
            }
        });
        return records;
    }

    public void Dispose()
    {
        _raw.Dispose();
        _join.Dispose();
    }

    private void Parse(ReadOnlySpan<byte> msg, Addr group, List<Record> into)
    {
        int alen = _v6 ? 16 : 4;
        if (msg.Length < 8 || msg[0] != (_v6 ? 143 : 0x22))
        {
            return;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(msg[6..]);
        int p = 8;
        for (int r = 0; r < count && p + 4 + alen <= msg.Length; r++)
        {
            byte type = msg[p];
            int aux = msg[p + 1] * 4;
            int n = BinaryPrimitives.ReadUInt16BigEndian(msg[(p + 2)..]);
            Addr g = Addr.FromBytes(msg.Slice(p + 4, alen));
            var sources = new Addr[n];
            for (int i = 0; i < n; i++)
            {
                sources[i] = Addr.FromBytes(msg.Slice(p + 4 + alen + (i * alen), alen));
            }

            if (g == group)
            {
                into.Add(new Record((RecordType)type, g, sources));
            }

            p += 4 + alen + (n * alen) + aux;
        }
    }
}
