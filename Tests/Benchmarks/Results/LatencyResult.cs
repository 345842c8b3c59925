namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// New TCPs created one by one at the large level: from "Kamaji's Secrets ready" (the TCP status first names its
/// admin kubeconfig Secret) to "the kubeconfig Secret exists", as the sandbox saw both. <c>kamaji_ready_p50_ms</c>
/// is the simulator's own time from create to ready.
/// </summary>
public sealed record LatencyResult(
    int TenantsServed,
    int Samples,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs,
    double KamajiReadyP50Ms,
    double ControllerCpuMsPerTenant,
    double SandboxCpuMsPerTenant);
