using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// One named condition of <c>/readyz</c> (controller-runtime's <c>AddReadyzCheck</c>): ready when every one passes.
/// Register with <see cref="ObservabilityServiceCollectionExtensions.AddReadinessCheck"/>; a check that throws has failed.
/// </summary>
internal sealed class ReadinessCheck(Func<bool> passes) : IHealthCheck
{
    /// <summary>The tag <c>/readyz</c> selects; <c>/healthz</c> runs no check (answering at all is liveness).</summary>
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(passes() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());
}
