using System;

namespace McProxy.Protocol.Wire;

/// <summary>
/// A parsed IGMP or MLD message: a view over the received bytes (no copies, no allocation),
/// valid while those bytes are. Which members mean something depends on <see cref="Kind"/>:
/// queries fill <see cref="Query"/> and the query sources; v1/v2 reports and leaves fill
/// <see cref="Group"/>; v3 reports fill <see cref="Records"/>.
/// </summary>
internal readonly ref struct MembershipMessage
{
    private readonly ReadOnlySpan<byte> _addrs;
    private readonly int _recordCount;
    private readonly int _addrLength;

    private MembershipMessage(
        MessageKind kind,
        ProtocolVersion version,
        Addr group,
        QueryMessage query,
        ReadOnlySpan<byte> addrs,
        int addrLength,
        int recordCount,
        int usableRecords)
    {
        Kind = kind;
        Version = version;
        Group = group;
        Query = query;
        _addrs = addrs;
        _addrLength = addrLength;
        _recordCount = recordCount;
        UsableRecordCount = usableRecords;
    }

    public MessageKind Kind { get; }

    /// <summary>The protocol version the message belongs to (e.g. IGMPv2 for a leave, MLDv1 for a done).</summary>
    public ProtocolVersion Version { get; }

    /// <summary>Group of a query, v1/v2 report or leave; unspecified for general queries and v3 reports.</summary>
    public Addr Group { get; }

    /// <summary>The decoded query (default for other kinds). Its SourceCount is the number of sources.</summary>
    public QueryMessage Query { get; }

    public bool IsQuery => Kind is MessageKind.GeneralQuery or MessageKind.GroupQuery or MessageKind.GroupSourceQuery;

    /// <summary>Records of a v3 report that <see cref="Records"/> yields.</summary>
    public int UsableRecordCount { get; }

    /// <summary>Records of a v3 report that were skipped (unknown type, non-multicast or link-local group).</summary>
    public int SkippedRecordCount => _recordCount - UsableRecordCount;

    /// <summary>The usable group records of a v3 report (empty for other kinds).</summary>
    public GroupRecordEnumerator Records =>
        new(Kind == MessageKind.V3Report ? _addrs : default, Kind == MessageKind.V3Report ? _recordCount : 0, _addrLength);

    /// <summary>Query source number <paramref name="index"/>.</summary>
    public Addr GetQuerySource(int index)
    {
        if (!IsQuery || (uint)index >= (uint)Query.SourceCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return AddrList.Read(_addrs, _addrLength, index);
    }

    /// <summary>Copies query sources from <paramref name="start"/> on, as many as fit; returns the count copied.</summary>
    public int CopyQuerySources(Span<Addr> dest, int start = 0) =>
        IsQuery ? AddrList.Copy(_addrs, _addrLength, Query.SourceCount, dest, start) : 0;

    internal static MembershipMessage ForQuery(QueryMessage query, ReadOnlySpan<byte> sources, int addrLength)
    {
        MessageKind kind = query.SourceCount > 0 ? MessageKind.GroupSourceQuery
            : query.IsGeneral ? MessageKind.GeneralQuery
            : MessageKind.GroupQuery;
        return new MembershipMessage(kind, query.Version, query.Group, query, sources, addrLength, 0, 0);
    }

    internal static MembershipMessage ForGroup(MessageKind kind, ProtocolVersion version, Addr group) =>
        new(kind, version, group, default, default, 0, 0, 0);

    internal static MembershipMessage ForV3Report(
        ProtocolVersion version, ReadOnlySpan<byte> records, int recordCount, int addrLength, int usable)
    {
        Addr none = addrLength == 4 ? Addr.AnyV4 : Addr.None;
        return new MembershipMessage(MessageKind.V3Report, version, none, default, records, addrLength, recordCount, usable);
    }
}
