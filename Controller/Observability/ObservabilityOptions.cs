using System.Reflection;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The two listen flags, with Kamaji's names and defaults (docs/behaviour.md A6; see <see cref="BindAddress"/> for
/// the forms), and the fixed label values that <see cref="ControllerMetrics"/> creates at startup.
/// </summary>
internal sealed record ObservabilityOptions
{
    /// <summary><c>--metrics-bind-address</c>: <c>/metrics</c>. "0" disables it.</summary>
    public string MetricsBindAddress { get; init; } = ":8090";

    /// <summary><c>--health-probe-bind-address</c>: <c>/healthz</c> and <c>/readyz</c>. "0" or empty disables them.</summary>
    public string HealthProbeBindAddress { get; init; } = ":8091";

    /// <summary>controller-runtime's <c>controller</c> label, and the <c>name</c> of its work queue.</summary>
    public string ControllerName { get; init; } = "kubeconfiggenerator";

    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>The leader-election Lease, the <c>name</c> label of <c>leader_election_master_status</c>.</summary>
    public string LeaseName { get; init; } = "kubeconfiggenerator.kamaji.clastix.io";

    /// <summary>The informers' configured names (the <c>kind</c> label), created at zero up front.</summary>
    public IReadOnlyList<string> Informers { get; init; } = [];

    public string Version { get; init; } =
        typeof(ObservabilityOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
