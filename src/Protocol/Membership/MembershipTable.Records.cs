using System;

namespace McProxy.Protocol.Membership;

/// <summary>
/// The state tables of RFC 3376 §6.4.1/§6.4.2 (RFC 3810 §7.4.1/§7.4.2 are the same with MALI).
/// A record's source list is first merged into the sorted source array, marking each entry
/// InRecord (in A) and IsNew (in neither X nor Y); each row then reads the marks and the old
/// timer state (in EXCLUDE mode X = timer running, Y = not running).
/// </summary>
internal sealed partial class MembershipTable
{
    private void ApplyRecord(long now, GroupState g, RecordType type, ReadOnlySpan<Addr> sources, Addr reporter)
    {
        bool include = g.Mode == FilterMode.Include;

        // IN(A) + BLOCK(B) only queries A*B: sources of B-A must not be created.
        MarkRecord(g, sources, createNew: !(include && type == RecordType.BlockOldSources), reporter);
        bool groupQuery = false;
        if (include)
        {
            ApplyInclude(now, g, type);
        }
        else
        {
            groupQuery = ApplyExclude(now, g, type);
        }

        bool sourceQuery = LowerQueriedSources(now, g);
        g.CompactAndClearFlags();
        if (sourceQuery)
        {
            SendSourceRound(now, g);
        }

        if (groupQuery)
        {
            StartGroupQuery(now, g);
        }
    }

    /// <summary>Flags the entries listed in the record, inserting new ones (within the source limit and the reporter's share).</summary>
    private void MarkRecord(GroupState g, ReadOnlySpan<Addr> sources, bool createNew, Addr reporter)
    {
        int owned = -1; // sources of g the reporter created, counted when first needed
        foreach (Addr s in sources)
        {
            if (s.Family != _family)
            {
                continue;
            }

            int i = g.IndexOf(s);
            if (i >= 0)
            {
                g.Sources[i].Flags |= SourceFlags.InRecord;
                continue;
            }

            if (!createNew)
            {
                continue;
            }

            if (g.SourceCount >= _settings.MaxSourcesPerGroup)
            {
                Refuse(MembershipLimit.SourcesPerGroup, g.Group, reporter);
                continue;
            }

            if (owned < 0)
            {
                owned = g.SourcesOwnedBy(reporter);
            }

            if (owned >= _settings.MaxSourcesPerHost)
            {
                Refuse(MembershipLimit.SourcesPerHost, g.Group, reporter);
                continue;
            }

            owned++;
            g.InsertAt(~i, s, reporter).Flags = SourceFlags.InRecord | SourceFlags.IsNew;
        }
    }

    /// <summary>Router state INCLUDE(A), record with source set B.</summary>
    private void ApplyInclude(long now, GroupState g, RecordType type)
    {
        long gmi = now + _timers.GroupMembershipIntervalMs;
        bool toExclude = type is RecordType.ModeIsExclude or RecordType.ChangeToExclude;
        foreach (ref SourceEntry e in g.Sources)
        {
            bool inB = (e.Flags & SourceFlags.InRecord) != 0;
            bool isNew = (e.Flags & SourceFlags.IsNew) != 0;
            switch (type)
            {
                case RecordType.ModeIsInclude:
                case RecordType.AllowNewSources:
                    // IN(A) IS_IN(B) / ALLOW(B) -> IN(A+B); (B)=GMI
                    SetIf(ref e, inB, gmi);
                    break;
                case RecordType.BlockOldSources:
                    // IN(A) BLOCK(B) -> IN(A); Send Q(G,A*B)
                    QueryIf(ref e, inB);
                    break;
                case RecordType.ChangeToInclude:
                    // IN(A) TO_IN(B) -> IN(A+B); (B)=GMI; Send Q(G,A-B)
                    SetIf(ref e, inB, gmi);
                    QueryIf(ref e, !inB);
                    break;
                default:
                    // IN(A) IS_EX(B) -> EX(A*B,B-A); (B-A)=0; Delete (A-B); FT=GMI
                    // IN(A) TO_EX(B) -> same, and Send Q(G,A*B)
                    DeleteIf(ref e, !inB);
                    SetIf(ref e, isNew, Deadline.Never);
                    QueryIf(ref e, type == RecordType.ChangeToExclude && inB && !isNew);
                    break;
            }
        }

        if (toExclude)
        {
            g.Mode = FilterMode.Exclude;
            g.FilterDeadline = gmi;
        }
    }

    /// <summary>Router state EXCLUDE(X,Y), record with source set A; returns whether Q(G) is due.</summary>
    private bool ApplyExclude(long now, GroupState g, RecordType type)
    {
        long gmi = now + _timers.GroupMembershipIntervalMs;
        long ft = g.FilterDeadline;
        foreach (ref SourceEntry e in g.Sources)
        {
            bool inA = (e.Flags & SourceFlags.InRecord) != 0;
            bool isNew = (e.Flags & SourceFlags.IsNew) != 0;
            bool inX = !isNew && e.IsRunning;
            bool inY = !isNew && !e.IsRunning;
            switch (type)
            {
                case RecordType.ModeIsInclude:
                case RecordType.AllowNewSources:
                    // EX(X,Y) IS_IN(A) / ALLOW(A) -> EX(X+A,Y-A); (A)=GMI
                    SetIf(ref e, inA, gmi);
                    break;
                case RecordType.BlockOldSources:
                    // EX(X,Y) BLOCK(A) -> EX(X+(A-Y),Y); (A-X-Y)=FT; Send Q(G,A-Y)
                    SetIf(ref e, isNew, ft);
                    QueryIf(ref e, inA && !inY);
                    break;
                case RecordType.ChangeToInclude:
                    // EX(X,Y) TO_IN(A) -> EX(X+A,Y-A); (A)=GMI; Send Q(G,X-A); Send Q(G)
                    SetIf(ref e, inA, gmi);
                    QueryIf(ref e, inX && !inA);
                    break;
                case RecordType.ModeIsExclude:
                    // EX(X,Y) IS_EX(A) -> EX(A-Y,Y*A); (A-X-Y)=GMI; Delete (X-A); Delete (Y-A); FT=GMI
                    SetIf(ref e, isNew, gmi);
                    DeleteIf(ref e, !inA);
                    break;
                default:
                    // EX(X,Y) TO_EX(A) -> EX(A-Y,Y*A); (A-X-Y)=FT; Delete (X-A); Delete (Y-A);
                    // Send Q(G,A-Y); FT=GMI
                    SetIf(ref e, isNew, ft);
                    DeleteIf(ref e, !inA);
                    QueryIf(ref e, inA && !inY);
                    break;
            }
        }

        if (type is RecordType.ModeIsExclude or RecordType.ChangeToExclude)
        {
            g.FilterDeadline = gmi;
        }

        return type == RecordType.ChangeToInclude;
    }

    private static void SetIf(ref SourceEntry e, bool condition, long deadline)
    {
        if (condition)
        {
            e.Deadline = deadline;
        }
    }

    private static void QueryIf(ref SourceEntry e, bool condition)
    {
        if (condition)
        {
            e.Flags |= SourceFlags.Query;
        }
    }

    private static void DeleteIf(ref SourceEntry e, bool condition)
    {
        if (condition)
        {
            e.Flags |= SourceFlags.Delete;
        }
    }
}
