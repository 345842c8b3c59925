namespace KamajiKubeconfig.Controller.Observability;

/// <summary>The applier's metrics port; thread-safe, never throws.</summary>
internal interface IApplyMetrics
{
    /// <summary>One write request to the API server finished: <c>kubeconfig_generator_apply_requests_total{outcome}</c>.</summary>
    void ApplyRequestCompleted(ApplyRequestOutcome outcome);
}
