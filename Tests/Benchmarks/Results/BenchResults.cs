namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>The whole of bench/results.json (schema in bench/README.md).</summary>
public sealed record BenchResults(
    string Schema,
    DateTimeOffset StartedUtc,
    double DurationS,
    MachineInfo Machine,
    GitInfo Git,
    BenchSettings Settings,
    ScenarioResults Scenarios,
    IReadOnlyList<TargetCheck> Targets)
{
    public const string SchemaName = "kubeconfig-generator-bench/1";
}
