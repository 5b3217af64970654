using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using McProxy.Config;

namespace McProxy.Bench;

/// <summary>
/// Long mutation fuzz of the configuration readers (all three syntaxes): the files in configs/
/// are mutated (byte edits, insertions, deletions, truncations, splices) and loaded; a reader
/// may only succeed or throw <see cref="ConfigException"/> with diagnostics, and no load may take
/// more than 2 s. Arguments: cases (default 200,000, or MCPROXY_FUZZ_CASES) and seed (default 1,
/// or MCPROXY_FUZZ_SEED). Throws on the first failure, printing the input.
/// </summary>
internal sealed class ConfigFuzzBench : IBench
{
    private const string Alphabet = " \t\n;:.-/*|(){}[]=\"'#,<>0123456789abcdefxyz_ \\u{}protocol pinstance table upstream downstream in out whitelist blacklist rulematching mutex ==> ff05:: 239.1.1.1 [[instance]] [settings] max_groups fast_leave = true \"\"\" '''";

    public string Name => "config-fuzz";

    public void Run(string[] args)
    {
        int cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : EnvInt("MCPROXY_FUZZ_CASES", 200_000);
        int seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : EnvInt("MCPROXY_FUZZ_SEED", 1);
        string dir = FindConfigs();
        string[] files = Directory.GetFiles(dir);
        Array.Sort(files, StringComparer.Ordinal);
        var texts = new string[files.Length];
        for (int i = 0; i < files.Length; i++)
        {
            texts[i] = File.ReadAllText(files[i]);
        }

        string[] names = { "fuzz.conf", "fuzz.toml", "fuzz.legacy.conf" };
        var random = new Random(seed);
        var total = Stopwatch.StartNew();
        int rejected = 0;
        double slowest = 0;
        for (int i = 0; i < cases; i++)
        {
            string text = Mutate(texts[random.Next(texts.Length)], random);
            string name = names[random.Next(names.Length)];
            long start = Stopwatch.GetTimestamp();
            try
            {
                ConfigLoader.LoadText(text, name);
            }
            catch (ConfigException e) when (e.Diagnostics.Count > 0)
            {
                rejected++;
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"case {i} (seed {seed}, {name}) threw {e.GetType().Name}; input:\n{text}", e);
            }

            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            slowest = Math.Max(slowest, ms);
            if (ms > 2000)
            {
                throw new InvalidOperationException($"case {i} (seed {seed}, {name}) took {ms:F0} ms; input:\n{text}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cases:N0} mutated configurations (seed {seed}) in {total.Elapsed.TotalSeconds:F1} s: {rejected:N0} rejected with diagnostics, " +
            $"{cases - rejected:N0} accepted, slowest load {slowest:F1} ms, no other exception"));
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : fallback;

    private static string FindConfigs()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !Directory.Exists(Path.Combine(dir, "configs")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir is null ? throw new DirectoryNotFoundException("configs/ not found above the bench binary") : Path.Combine(dir, "configs");
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        int edits = 1 + random.Next(8);
        for (int e = 0; e < edits; e++)
        {
            int at = sb.Length == 0 ? 0 : random.Next(sb.Length);
            switch (random.Next(6))
            {
                case 0 when sb.Length > 0:
                    sb[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 1:
                    int from = random.Next(Alphabet.Length);
                    sb.Insert(at, Alphabet.AsSpan(from, Math.Min(1 + random.Next(12), Alphabet.Length - from)));
                    break;
                case 2 when sb.Length > 0:
                    sb.Remove(at, Math.Min(1 + random.Next(16), sb.Length - at));
                    break;
                case 3:
                    sb.Length = at;
                    break;
                case 4 when sb.Length > 0:
                    sb[at] = (char)random.Next(0, 0x3000);
                    break;
                default:
                    int src = sb.Length == 0 ? 0 : random.Next(sb.Length);
                    sb.Insert(at, sb.ToString(src, Math.Min(1 + random.Next(40), sb.Length - src)));
                    break;
            }
        }

        return sb.ToString();
    }
}
