using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using McProxy.Config;
using Xunit;

namespace McProxy.Tests.Config;

/// <summary>
/// Mutates the example files (byte edits, insertions, deletions, truncations) thousands of
/// times: the readers may only ever succeed or throw <see cref="ConfigException"/>, and must
/// stay fast (no hang). A fixed seed keeps failures reproducible.
/// </summary>
public class ConfigFuzzTests
{
    private const string Alphabet = " \t\n;:.-/*|(){}[]=\"'#,<>0123456789abcdefxyz_protocolinstancetable==>::ff05::239.1.1.1{}";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MutatedExamplesOnlyEverGiveDiagnostics(int seed)
    {
        string[] texts = Directory.GetFiles(ConfigTestHelpers.ConfigsDirectory()).OrderBy(f => f).Select(File.ReadAllText).ToArray();
        string[] names = { "fuzz.conf", "fuzz.toml" };
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        int failures = 0;
        for (int i = 0; i < 5000; i++)
        {
            string text = Mutate(texts[random.Next(texts.Length)], random);
            string name = names[random.Next(names.Length)];
            long before = watch.ElapsedMilliseconds;
            try
            {
                ConfigLoader.LoadText(text, name);
            }
            catch (ConfigException e)
            {
                Assert.NotEmpty(e.Diagnostics);
                failures++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name} for {name}:\n{text}\n---\n{e}");
            }

            Assert.True(watch.ElapsedMilliseconds - before < 2000, $"slow on:\n{text}");
        }

        Assert.True(failures > 100, "mutations should break most files");
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        int edits = 1 + random.Next(6);
        for (int e = 0; e < edits; e++)
        {
            int at = sb.Length == 0 ? 0 : random.Next(sb.Length);
            switch (random.Next(5))
            {
                case 0 when sb.Length > 0:
                    sb[at] = RandomChar(random);
                    break;
                case 1:
                    sb.Insert(at, RandomChar(random));
                    break;
                case 2 when sb.Length > 0:
                    sb.Remove(at, Math.Min(1 + random.Next(8), sb.Length - at));
                    break;
                case 3:
                    sb.Length = at;
                    break;
                default:
                    int from = sb.Length == 0 ? 0 : random.Next(sb.Length);
                    string piece = sb.ToString(from, Math.Min(1 + random.Next(20), sb.Length - from));
                    sb.Insert(at, piece);
                    break;
            }
        }

        return sb.ToString();
    }

    private static char RandomChar(Random random) =>
        random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : Alphabet[random.Next(Alphabet.Length)];
}
