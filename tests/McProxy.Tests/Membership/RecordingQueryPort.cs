using System;
using System.Collections.Generic;
using System.Text;
using McProxy.Protocol;

namespace McProxy.Tests.Membership;

/// <summary>Records every query sent, with the time the test says it is.</summary>
internal sealed class RecordingQueryPort : IQueryPort
{
    public long Now { get; set; }

    public List<(long Time, QueryMessage Query, Addr[] Sources)> Sent { get; } = new();

    public void SendQuery(in QueryMessage query, ReadOnlySpan<Addr> sources) =>
        Sent.Add((Now, query, sources.ToArray()));

    public void Clear() => Sent.Clear();

    /// <summary>"G0" / "G1" for group queries (S flag), "S0{a,b}" for source queries, "GQ" for general ones.</summary>
    public string Describe(Func<Addr, string> name)
    {
        var sb = new StringBuilder();
        foreach (var (_, q, sources) in Sent)
        {
            if (sb.Length > 0)
            {
                sb.Append(';');
            }

            if (q.IsGeneral)
            {
                sb.Append("GQ");
                continue;
            }

            sb.Append(sources.Length == 0 ? 'G' : 'S').Append(q.SuppressRouterProcessing ? '1' : '0');
            if (sources.Length > 0)
            {
                sb.Append('{');
                for (int i = 0; i < sources.Length; i++)
                {
                    sb.Append(i > 0 ? "," : string.Empty).Append(name(sources[i]));
                }

                sb.Append('}');
            }
        }

        return sb.ToString();
    }
}
