using System;
using System.Globalization;

namespace McProxy.Tests.Pipeline;

/// <summary>
/// How many cases a fuzz test runs: the CI default, or MCPROXY_FUZZ_CASES for long runs
/// (bench/fuzz-long.sh); MCPROXY_FUZZ_SEED shifts the seeds so long runs explore new inputs.
/// </summary>
internal static class FuzzBudget
{
    public static int Cases(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("MCPROXY_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : ciDefault;

    public static int Seed(int seed) =>
        int.TryParse(Environment.GetEnvironmentVariable("MCPROXY_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int s)
            ? unchecked((s * 7919) + seed)
            : seed;
}
