namespace McProxy.Bench;

/// <summary>A benchmark that Program finds by reflection and runs by name.</summary>
internal interface IBench
{
    string Name { get; }

    void Run(string[] args);
}
