namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// The sizes and conditions of the run, so two result files can be told comparable or not. <c>memory_limit_mode</c>
/// says how the controller was held to its limit (<see cref="Harness.MemoryCgroup"/>).
/// </summary>
public sealed record BenchSettings(
    string Plan,
    int SmallTenants,
    int LargeTenants,
    int TenantsPerNamespace,
    int EventsPerKind,
    int EcdsaLatencySamples,
    int RsaLatencySamples,
    double IdleWindowS,
    double QuietWindowMs,
    double MemoryLimitMib,
    string MemoryLimitMode,
    string ControllerBuild,
    string CaKey);
