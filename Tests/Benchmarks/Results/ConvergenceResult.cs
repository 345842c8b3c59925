using System.Text.Json.Serialization;

namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// A generator applied over N ready TCPs until every Secret exists and Ready=True, against the crypto floor: the
/// same N issuances by the controller's own <c>CertificateIssuer</c>, timed in this process on every core.
/// <c>controller_cores</c> and <c>sandbox_cores</c> are CPU-seconds per wall second: when their sum nears the
/// machine's cores, the two compete and the wall time says more about the machine than about the controller.
/// </summary>
public sealed record ConvergenceResult(
    int Tenants,
    string ClientKey,
    double WallS,
    double ControllerCpuS,
    double ControllerCpuMsPerTenant,
    double SandboxCpuS,
    double ControllerCores,
    double SandboxCores,
    double FloorCpuS,
    double FloorMsPerTenant,
    double FloorWallS,
    double FloorMeasuredWallS,
    double? ControllerCpuOverFloor,
    double? WallOverFloor,
    double CertificatesIssued,
    double Passes,
    long Writes,
    double SettleS,
    double SettleControllerCpuS,
    [property: JsonPropertyName("load_average_1m")] double LoadAverage1m);
