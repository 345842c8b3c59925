namespace KamajiKubeconfig.Controller.Observability;

/// <summary>The two listen flags, with Kamaji's names and defaults (docs/behaviour.md A6); see <see cref="BindAddress"/> for the forms.</summary>
internal sealed record ObservabilityOptions
{
    /// <summary><c>--metrics-bind-address</c>: <c>/metrics</c>. "0" disables it.</summary>
    public string MetricsBindAddress { get; init; } = ":8090";

    /// <summary><c>--health-probe-bind-address</c>: <c>/healthz</c> and <c>/readyz</c>. "0" or empty disables them.</summary>
    public string HealthProbeBindAddress { get; init; } = ":8091";
}
