using System;
using System.Diagnostics;
using System.Text;
using McProxy.Config.Toml;
using Xunit;

namespace McProxy.Tests.Toml;

/// <summary>Runs alone (no parallel tests) so that the timing means something on a busy machine.</summary>
[Collection(TomlTimingCollection.Name)]
public class TomlPerformanceTests
{
    [Fact]
    public void TenThousandRulesParseWellUnder100Milliseconds()
    {
        var sb = new StringBuilder("[tables.big]\nrules = [\n");
        for (int i = 0; i < 10_000; i++)
        {
            sb.Append("  { interface = \"eth").Append(i % 8).Append("\", group = \"239.").Append(i / 256 % 256).Append('.')
              .Append(i % 256).Append(".1\", source = \"10.0.0.0/24\", weight = ").Append(i).Append(" },  # rule ").Append(i).Append('\n');
        }

        sb.Append("]\n");
        string text = sb.ToString();
        for (int run = 0; run < 3; run++)
        {
            TomlParser.Parse(text); // warm up (tiered JIT)
        }

        // Processor time of this process, not wall time: other builds share this machine's cores.
        // The collection runs alone, so the process's CPU is this parse (plus the GC it causes).
        double best = double.MaxValue;
        using Process self = Process.GetCurrentProcess();
        for (int run = 0; run < 5; run++)
        {
            GC.Collect();
            self.Refresh();
            TimeSpan before = self.TotalProcessorTime;
            TomlTable root = TomlParser.Parse(text);
            self.Refresh();
            best = Math.Min(best, (self.TotalProcessorTime - before).TotalMilliseconds);
            Assert.True(root.TryGet("tables", out TomlNode tables));
            Assert.True(((TomlTable)((TomlTable)tables).Entries[0].Value).TryGet("rules", out TomlNode rules));
            Assert.Equal(10_000, Assert.IsType<TomlArray>(rules).Items.Count);
        }

        Assert.True(best < 100, $"best of 5 parses of {text.Length} chars took {best:F1} ms of CPU");
    }
}
