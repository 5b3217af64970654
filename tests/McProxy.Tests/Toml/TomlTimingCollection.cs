using Xunit;

namespace McProxy.Tests.Toml;

/// <summary>Tests in this collection run alone, after the parallel ones, so timings are meaningful.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class TomlTimingCollection
{
    public const string Name = "TOML timing";
}
