using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>Process settings, from Kamaji's flags (docs/behaviour.md A6) plus ours. Defaults are Kamaji's.</summary>
public sealed record ControllerOptions
{
    public string MetricsBindAddress { get; init; } = ":8090";
    public string HealthProbeBindAddress { get; init; } = ":8091";
    public bool LeaderElect { get; init; } = true;
    public string? PodNamespace { get; init; }
    public TimeSpan CacheResyncPeriod { get; init; } = TimeSpan.FromHours(10);
    public TimeSpan CertificateExpirationDeadline { get; init; } = ReconcileOptions.MinimumExpirationDeadline;
    public string? Kubeconfig { get; init; }
    public int Workers { get; init; } = 4;
    public string LogFormat { get; init; } = "text";

    /// <summary>How long one pass may take before it is cancelled and retried.</summary>
    public TimeSpan PassTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Concurrent Secret writes per pass (the API server, not the CPU, is the limit).</summary>
    public int ApplyParallelism { get; init; } = 8;

    /// <summary>Flags Kamaji's Helm chart may pass that have no meaning here (logging is configured by ours).</summary>
    public IReadOnlyList<string> IgnoredFlags { get; init; } = [];

    /// <summary>The leader-election Lease, shared with Kamaji's generator so the two never run at once.</summary>
    public const string LeaseName = "kubeconfiggenerator.kamaji.clastix.io";
}
