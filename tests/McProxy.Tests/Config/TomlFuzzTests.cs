using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using McProxy.Config;
using McProxy.Config.TomlConfig;
using Xunit;

namespace McProxy.Tests.Config;

/// <summary>
/// Mutates the suite's valid documents (seeded, so failures reproduce) and checks that the
/// TOML layer (Tomlyn plus the tree builder) only ever returns a tree or one diagnostic with
/// a place, never throws, and never hangs.
/// </summary>
public class TomlFuzzTests
{
    private const int Iterations = 20_000;

    // Characters that steer the parser into its interesting branches, plus troublemakers.
    private const string Alphabet = "[]{}\"'=.,#\n\r\t \\0123456789eExXoObB+-_:TtZz.infa\u0000\u0001\u007F\u00e9\uFEFF\uD83D\uDE00\uD800\uDC00";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public void CharacterMutationsGiveATreeOrOnePlacedDiagnostic()
    {
        List<string> corpus = LoadCorpus();
        RunBounded(() =>
        {
            var rng = new Random(4605);
            int accepted = 0;
            for (int i = 0; i < Iterations; i++)
            {
                string text = MutateText(corpus[rng.Next(corpus.Count)], rng);
                accepted += Check(i, text, Encoding.UTF8.GetBytes(text)) ? 1 : 0;
            }

            // Both outcomes must be common, or the mutations are not exercising the parser.
            Assert.InRange(accepted, Iterations / 20, Iterations - (Iterations / 20));
        });
    }

    [Fact]
    public void ByteMutationsGiveATreeOrOnePlacedDiagnostic()
    {
        List<string> corpus = LoadCorpus();
        RunBounded(() =>
        {
            var rng = new Random(3376);
            for (int i = 0; i < Iterations; i++)
            {
                byte[] bytes = MutateBytes(Encoding.UTF8.GetBytes(corpus[rng.Next(corpus.Count)]), rng);
                Check(i, Encoding.UTF8.GetString(bytes), bytes);
            }
        });
    }

    [Fact]
    public void EveryTruncationGivesATreeOrOnePlacedDiagnostic()
    {
        List<string> corpus = LoadCorpus();
        RunBounded(() =>
        {
            foreach (string text in corpus)
            {
                // Every prefix of short files, a sample of prefixes of long ones.
                int step = Math.Max(1, text.Length / 200);
                for (int cut = 0; cut < text.Length; cut += step)
                {
                    string prefix = text.Substring(0, cut);
                    Check(cut, prefix, Encoding.UTF8.GetBytes(prefix));
                }
            }
        });
    }

    [Fact]
    public void RandomGarbageGivesATreeOrOnePlacedDiagnostic()
    {
        RunBounded(() =>
        {
            var rng = new Random(3810);
            var sb = new StringBuilder();
            for (int i = 0; i < Iterations; i++)
            {
                sb.Clear();
                int length = rng.Next(1, 80);
                for (int k = 0; k < length; k++)
                {
                    sb.Append(Alphabet[rng.Next(Alphabet.Length)]);
                }

                string text = sb.ToString();
                Check(i, text, Encoding.UTF8.GetBytes(text));
            }
        });
    }

    /// <summary>True if the input was accepted.</summary>
    private static bool Check(int iteration, string text, byte[] bytes)
    {
        var watch = Stopwatch.StartNew();
        bool accepted = false;
        try
        {
            TomlTable? root = TomlSuite.Parse(bytes, out IReadOnlyList<ConfigDiagnostic> diagnostics);
            if (root is null)
            {
                ConfigDiagnostic d = Assert.Single(diagnostics);
                Assert.True(d.Line >= 1 && d.Column >= 1, $"case {iteration}: bad error position {d}");
                Assert.False(d.Message.StartsWith(TomlText.TomlParserFailure.Prefix, StringComparison.Ordinal), $"case {iteration}: Tomlyn crashed: {d.Message}\ninput: {Escape(text)}\n{d}");
            }
            else
            {
                AssertPositionsValid(root);
                accepted = true;
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"case {iteration}: {e.GetType().Name}: {e.Message}\ninput: {Escape(text)}\n{e.StackTrace}");
        }

        Assert.True(watch.ElapsedMilliseconds < 2000, $"case {iteration} took {watch.ElapsedMilliseconds} ms: {Escape(text)}");
        return accepted;
    }

    /// <summary>Walks the tree without recursion (header paths may nest deeply).</summary>
    private static void AssertPositionsValid(TomlTable root)
    {
        var pending = new Stack<TomlNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            TomlNode node = pending.Pop();
            Assert.True(node.Position.Line >= 1 && node.Position.Column >= 1);
            if (node is TomlTable table)
            {
                foreach (KeyValuePair<string, TomlNode> entry in table.Entries)
                {
                    pending.Push(entry.Value);
                }
            }
            else if (node is TomlArray array)
            {
                foreach (TomlNode item in array.Items)
                {
                    pending.Push(item);
                }
            }
        }
    }

    private static string MutateText(string text, Random rng)
    {
        var sb = new StringBuilder(text);
        int edits = rng.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            int at = rng.Next(sb.Length + 1);
            switch (rng.Next(5))
            {
                case 0 when at < sb.Length:
                    sb[at] = Alphabet[rng.Next(Alphabet.Length)];
                    break;
                case 1 when at < sb.Length:
                    sb.Remove(at, Math.Min(rng.Next(1, 4), sb.Length - at));
                    break;
                case 2:
                    sb.Insert(at, Alphabet[rng.Next(Alphabet.Length)]);
                    break;
                case 3:
                    sb.Length = at;
                    break;
                default:
                    int from = rng.Next(sb.Length + 1);
                    int count = Math.Min(rng.Next(1, 20), sb.Length - from);
                    sb.Insert(at, sb.ToString(from, count));
                    break;
            }
        }

        return sb.ToString();
    }

    private static byte[] MutateBytes(byte[] bytes, Random rng)
    {
        var list = new List<byte>(bytes);
        int edits = rng.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int at = rng.Next(list.Count + 1);
            if (at < list.Count && rng.Next(2) == 0)
            {
                list[at] = (byte)rng.Next(256);
            }
            else
            {
                list.Insert(at, (byte)rng.Next(0x80, 0x100));
            }
        }

        return list.ToArray();
    }

    private static void RunBounded(Action body)
    {
        // A hang shows up as a failed test instead of a stuck run.
        Task run = Task.Run(body);
        Assert.True(run.Wait(Budget), $"fuzzing did not finish within {Budget.TotalSeconds} s (a parser loop does not terminate?)");
        run.GetAwaiter().GetResult();
    }

    private static List<string> LoadCorpus()
    {
        var corpus = new List<string>();
        foreach (object[] row in TomlSuite.Files("valid/"))
        {
            corpus.Add(File.ReadAllText(TomlSuite.PathOf((string)row[0]), Encoding.UTF8));
        }

        Assert.True(corpus.Count > 100, "the valid suite files are needed as the fuzz corpus");
        return corpus;
    }

    private static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 400 ? s.Substring(0, 400) : s)
        {
            if (c < 0x20 || c >= 0x7F)
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
