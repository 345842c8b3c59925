namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>One object per scenario; cases inside are keyed by client key type and tenant count (e.g. <c>ecdsa_p256_n10000</c>).</summary>
public sealed record ScenarioResults(
    IReadOnlyDictionary<string, ConvergenceResult> Convergence,
    SteadyEventCostResult SteadyEventCost,
    IReadOnlyDictionary<string, LatencyResult> NewTenantLatency,
    RestartResult Restart,
    IReadOnlyDictionary<string, MemoryResult> Memory,
    ApiResult Api);
