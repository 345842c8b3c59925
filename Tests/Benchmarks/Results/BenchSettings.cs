namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>The sizes and conditions of the run, so two result files can be told comparable or not.</summary>
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
    string ControllerBuild,
    string CaKey);
