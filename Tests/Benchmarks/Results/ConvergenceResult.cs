using System.Text.Json.Serialization;

namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// A generator applied over N ready TCPs until every Secret exists and Ready=True, against the crypto floor: the
/// same N issuances by the controller's own <c>CertificateIssuer</c>, timed in this process on every core.
/// <c>controller_cores</c> and <c>sandbox_cores</c> are CPU-seconds per wall second: when their sum nears the
/// machine's cores, the two compete and the wall time says more about the machine than about the controller.
/// When <c>converged</c> is false, wall and CPU are what was spent until the benchmark gave up, and the ratios are null.
/// </summary>
public sealed record ConvergenceResult(
    int Tenants,
    string ClientKey,
    bool Converged,
    double WallS,
    double ControllerCpuS,
    double ControllerCpuMsPerTenant,
    double SandboxCpuS,
    double ControllerCores,
    double SandboxCores,
    int FloorSamples,
    double FloorCpuS,
    double FloorMsPerTenant,
    double FloorWallS,
    double FloorMeasuredWallS,
    double? ControllerCpuOverFloor,
    double? WallOverFloor,
    double CertificatesIssued,
    double Passes,
    double PassErrors,
    long Writes,
    double SettleS,
    double SettleControllerCpuS,
    [property: JsonPropertyName("load_average_1m")] double LoadAverage1m);
