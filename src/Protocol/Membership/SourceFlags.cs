using System;

namespace McProxy.Protocol.Membership;

/// <summary>Scratch marks on a source entry while one record is applied (cleared afterwards).</summary>
[Flags]
internal enum SourceFlags : byte
{
    None = 0,

    /// <summary>The source is listed in the record being applied (the set A or B of the tables).</summary>
    InRecord = 1,

    /// <summary>The entry was created by the record being applied (not in X, Y or A before).</summary>
    IsNew = 2,

    /// <summary>The table says "Delete" for this source.</summary>
    Delete = 4,

    /// <summary>The table says "Send Q(G,...)" for this source.</summary>
    Query = 8,
}
