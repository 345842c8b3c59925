using System.Net;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>Process settings, from Kamaji's flags (docs/behaviour.md A6) plus ours. Defaults are Kamaji's.</summary>
public sealed record ControllerOptions
{
    // Parsed when the flag is read (BindAddress); null disables that server. IPv6Any is Go's ":port", every interface.
    public IPEndPoint? MetricsBindAddress { get; init; } = new(IPAddress.IPv6Any, 8090);
    public IPEndPoint? HealthProbeBindAddress { get; init; } = new(IPAddress.IPv6Any, 8091);
    public bool LeaderElect { get; init; } = true;
    public string? PodNamespace { get; init; }
    public TimeSpan CacheResyncPeriod { get; init; } = TimeSpan.FromHours(10);
    public TimeSpan CertificateExpirationDeadline { get; init; } = ReconcileOptions.MinimumExpirationDeadline;
    public string? Kubeconfig { get; init; }
    public int Workers { get; init; } = 4;
    public string LogFormat { get; init; } = "text";

    /// <summary>How long one pass may take before it is cancelled and retried.</summary>
    public TimeSpan PassTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On shutdown, how long in-flight passes may go on writing before they are cancelled: with the Lease release
    /// after it, well inside the pod's 30 s termination grace period, so a hung request cannot turn a rolling update
    /// into a SIGKILL with the Lease still held.
    /// </summary>
    public TimeSpan ShutdownDrainTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Concurrent Secret writes per pass (the API server, not the CPU, is the limit).</summary>
    public int ApplyParallelism { get; init; } = 8;

    /// <summary>
    /// The longest a generator waits before retrying after failures (per-item backoff 5 ms, doubling, capped here;
    /// a server's Retry-After is honoured up to this too). client-go's 1000 s is too long for credentials.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an informer may fail without a break before <c>/readyz</c> says not ready: long enough to ride out an
    /// API server restart, short enough that a stuck cache shows.
    /// </summary>
    public TimeSpan InformerStaleAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Leader-election timings (controller-runtime's defaults; tests shorten them).</summary>
    public Leadership.LeaseTimings LeaseTimings { get; init; } = Leadership.LeaseTimings.Default;

    /// <summary>Flags Kamaji's Helm chart may pass that have no meaning here (logging is configured by ours).</summary>
    public IReadOnlyList<string> IgnoredFlags { get; init; } = [];

    /// <summary>The leader-election Lease, shared with Kamaji's generator so the two never run at once.</summary>
    public const string LeaseName = "kubeconfiggenerator.kamaji.clastix.io";
}
