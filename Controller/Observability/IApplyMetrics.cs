using KamajiKubeconfig.Controller.Applier;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>The applier's metrics port; thread-safe, never throws.</summary>
internal interface IApplyMetrics
{
    /// <summary>
    /// One request to the API server finished, successfully (<paramref name="failure"/> null) or classified:
    /// <c>kubeconfig_generator_apply_requests_total{outcome}</c>.
    /// </summary>
    void ApplyRequestCompleted(ApiFailureKind? failure);
}
