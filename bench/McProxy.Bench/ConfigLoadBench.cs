using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using McProxy.Config;
using McProxy.Config.Model;

namespace McProxy.Bench;

/// <summary>
/// Loads a generated 1.x configuration with 10,000 table rules (target: under 100 ms per
/// load). Optional argument: the rule count.
/// </summary>
internal sealed class ConfigLoadBench : IBench
{
    private const int Runs = 20;

    public string Name => "config-load";

    public void Run(string[] args)
    {
        int rules = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        string text = Generate(rules);
        ProxyConfig warm = ConfigLoader.LoadText(text, "bench.conf");
        int loaded = 0;
        foreach (RuleTable t in warm.Tables)
        {
            loaded += t.Rules.Count;
        }

        var times = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            ConfigLoader.LoadText(text, "bench.conf");
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{loaded} rules, {text.Length / 1024} KiB, {Runs} loads: min {times[0]:F1} ms, median {times[Runs / 2]:F1} ms, max {times[^1]:F1} ms"));
    }

    /// <summary>Ten tables of group/source rules in every part form, bound to one instance.</summary>
    private static string Generate(int rules)
    {
        var sb = new StringBuilder("protocol IGMPv3;\n");
        int perTable = Math.Max(1, rules / 10);
        for (int t = 0; t < 10; t++)
        {
            sb.Append("table t").Append(t).Append(" {\n");
            for (int r = 0; r < perTable; r++)
            {
                int n = (t * perTable) + r;
                string g = $"239.{(n >> 8) & 0xFF}.{n & 0xFF}";
                sb.Append((n % 4) switch
                {
                    0 => $"    ({g}.1 | *)\n",
                    1 => $"    ({g}.0/24 | 10.{n & 0xFF}.0.0/16)\n",
                    2 => $"    eth{n % 8}({g}.1 - {g}.9 | 192.168.{n & 0xFF}.1)\n",
                    _ => $"    ({g}.7 | * - 10.0.0.{n & 0xFF})\n",
                });
            }

            sb.Append("};\n");
        }

        sb.Append("pinstance bench: up ==> d0 d1 d2 d3;\n");
        for (int t = 0; t < 4; t++)
        {
            sb.Append("pinstance bench downstream d").Append(t).Append(" in whitelist table t").Append(t).Append(";\n");
        }

        return sb.ToString();
    }
}
