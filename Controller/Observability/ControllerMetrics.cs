using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Reconcile;
using Prometheus;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// Every metric the controller exposes (docs/design.md, "Observability"), with controller-runtime's and client-go's
/// names, help, labels and buckets so that existing dashboards work. Series of closed label sets are created at zero
/// here, so recording is a lookup and an atomic add that never throws.
/// </summary>
internal sealed class ControllerMetrics : IWorkerObserver, IInformerMetrics
{
    private const string Ours = "kubeconfig_generator_";

    /// <summary>controller-runtime's <c>controller</c> label, and the <c>name</c> of its work queue.</summary>
    private const string ControllerName = "kubeconfiggenerator";

    /// <summary>controller-runtime's reconcile time buckets: dense below a second, coarser up to a minute.</summary>
    private static readonly double[] ReconcileBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    private readonly TimeProvider _time;
    private readonly Counter.Child _success;
    private readonly Counter.Child _requeueAfter;
    private readonly Counter.Child _error;
    private readonly Counter.Child _errors;
    private readonly Counter.Child _panics;
    private readonly Histogram.Child _reconcileTime;
    private readonly Gauge.Child _activeWorkers;
    private readonly Gauge.Child _leader;
    private readonly FrozenDictionary<IssueReason, Counter.Child> _issued;
    private readonly Counter _applied;
    private readonly Counter _pruned;
    private readonly Counter _repaired;
    private readonly Gauge _resources;
    private readonly Gauge _available;
    private readonly Gauge _secondsUntilExpiry;
    private readonly Counter _watchRestarts;
    private readonly Counter _relists;
    private readonly Counter _handlerFailures;
    private readonly Counter _transformFailures;

    // Generator state changes once per pass; one lock keeps a deletion from racing a scrape's refresh.
    private readonly Lock _generatorsLock = new();
    private readonly Dictionary<string, DateTimeOffset> _earliestExpiry = new(StringComparer.Ordinal);

    public ControllerMetrics(CollectorRegistry registry, TimeProvider time, int maxConcurrentReconciles, IReadOnlyList<string> informers, string? version = null)
    {
        _time = time;
        var factory = Metrics.WithCustomRegistry(registry);
        string[] controller = [ControllerName];

        // controller-runtime: pkg/internal/controller/metrics/metrics.go
        var results = factory.CreateCounter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        // "requeue" (a requeue without an error) never happens here: the series exists for dashboards.
        results.WithLabels(ControllerName, "requeue");
        _success = results.WithLabels(ControllerName, "success");
        _requeueAfter = results.WithLabels(ControllerName, "requeue_after");
        _error = results.WithLabels(ControllerName, "error");
        _errors = factory.CreateCounter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller").WithLabels(controller);
        // Nothing here is a terminal error (input errors are status, not failures): the series exists for dashboards.
        factory.CreateCounter("controller_runtime_terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller", "controller").WithLabels(controller);
        _panics = factory.CreateCounter("controller_runtime_reconcile_panics_total", "Total number of reconciliation panics per controller", "controller").WithLabels(controller);
        _reconcileTime = factory.CreateHistogram("controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller", ["controller"],
            new HistogramConfiguration { Buckets = ReconcileBuckets }).WithLabels(controller);
        _activeWorkers = factory.CreateGauge("controller_runtime_active_workers", "Number of currently used workers per controller", "controller").WithLabels(controller);
        factory.CreateGauge("controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller")
            .WithLabels(controller).Set(maxConcurrentReconciles);

        // client-go: leaderelection/metrics.go
        _leader = factory.CreateGauge("leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease. Please make sure to group by name.", "name")
            .WithLabels(ControllerOptions.LeaseName);

        var issued = factory.CreateCounter(Ours + "certificates_issued_total", "Client certificates issued, by the reason they were (re)issued", "reason");
        _issued = Enum.GetValues<IssueReason>().ToFrozenDictionary(reason => reason, reason => issued.WithLabels(Label(reason)));
        _applied = AtZero(factory.CreateCounter(Ours + "apply_requests_total", "Write requests to the API server, by outcome", "outcome"),
            Enum.GetValues<ApiFailureKind>().Cast<ApiFailureKind?>().Append(null).Select(failure => new[] { OutcomeLabel(failure)! }));
        _pruned = factory.CreateCounter(Ours + "secrets_pruned_total", "Generated Secrets deleted because they are no longer a target of their generator");
        _repaired = factory.CreateCounter(Ours + "secrets_repaired_total", "Generated Secrets whose metadata was restored without reissuing their certificate");
        _resources = factory.CreateGauge(Ours + "resources", "TenantControlPlanes selected by each generator", "generator");
        _available = factory.CreateGauge(Ours + "available_resources", "Selected TenantControlPlanes whose kubeconfig Secret is up to date", "generator");
        _secondsUntilExpiry = factory.CreateGauge(Ours + "certificate_expiry_seconds", "Seconds until the earliest client certificate of each generator expires (negative once expired)", "generator");
        _watchRestarts = AtZero(factory.CreateCounter(Ours + "watch_restarts_total", "Watches restarted, by informer and reason", "kind", "reason"),
            informers.SelectMany(informer => Enum.GetValues<RestartReason>().Select(reason => new[] { informer, Label(reason) })));
        string[][] kinds = [.. informers.Select(informer => new[] { informer })];
        _relists = AtZero(factory.CreateCounter(Ours + "relists_total", "Full lists after the first one, by informer", "kind"), kinds);
        _handlerFailures = AtZero(factory.CreateCounter(Ours + "informer_handler_failures_total", "Change handlers that threw, by informer", "kind"), kinds);
        _transformFailures = AtZero(factory.CreateCounter(Ours + "informer_transform_failures_total", "Objects the informer could not transform and skipped, by informer", "kind"), kinds);
        factory.CreateGauge(Ours + "build_info", "Always 1; the labels carry the build's version and .NET runtime", "version", "runtime")
            .WithLabels(version ?? typeof(ControllerMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
                Environment.Version.ToString()).Set(1);
        Queue = new WorkqueueMetrics(factory, ControllerName);
        registry.AddBeforeCollectCallback(RefreshExpiries);
    }

    public IQueueMetrics Queue { get; }

    public void PassStarted() => _activeWorkers.Inc();

    /// <summary>controller-runtime's <c>result</c> label, read off the worker's decision table (a cancelled pass is an error), and the generator's series.</summary>
    public void PassFinished(string generator, WorkerDecision decision, PassReport? report, bool bug, TimeSpan duration)
    {
        _activeWorkers.Dec();
        // controller-runtime counts a panic for an unexpected failure; API errors and timeouts are plain errors.
        _panics.Inc(bug ? 1 : 0);
        var result = decision switch
        {
            WorkerDecision.Forget or WorkerDecision.GeneratorGone => _success,
            WorkerDecision.RequeueAfter => _requeueAfter,
            _ => _error,
        };
        result.Inc();
        _errors.Inc(result == _error ? 1 : 0);
        _reconcileTime.Observe(duration.TotalSeconds);
        if (decision == WorkerDecision.GeneratorGone || report?.Plan.Mode == PlanMode.Finalizing)
        {
            GeneratorDeleted(generator);
        }
        if (report is null)
        {
            // Failed or cancelled: what is known about the generator did not change.
            return;
        }
        foreach (var (reason, count) in report.Issued)
        {
            _issued.GetValueOrDefault(reason)?.Inc(Math.Max(count, 0));
        }
        _pruned.Inc(Math.Max(report.Pruned, 0));
        _repaired.Inc(Math.Max(report.Repaired, 0));
        if (report.Plan is { Mode: not PlanMode.Finalizing, Status: { } status } plan)
        {
            GeneratorObserved(generator, status.Resources, status.AvailableResources, ReconcilePlan.Earliest(plan.Targets, t => t.CertificateNotAfter));
        }
    }

    /// <summary>The state of one generator after a pass; <paramref name="earliestExpiry"/> is null when it has no certificate.</summary>
    public void GeneratorObserved(string generator, int resources, int availableResources, DateTimeOffset? earliestExpiry)
    {
        lock (_generatorsLock)
        {
            _resources.WithLabels(generator).Set(resources);
            _available.WithLabels(generator).Set(availableResources);
            if (earliestExpiry is { } expiry)
            {
                // The exposed value is computed at each scrape (RefreshExpiries).
                _earliestExpiry[generator] = expiry;
            }
            else if (_earliestExpiry.Remove(generator))
            {
                // No certificate, no expiry: an absent series is honest, a made-up number is not.
                _secondsUntilExpiry.RemoveLabelled(generator);
            }
        }
    }

    /// <summary>The generator is gone: its series are removed, so deleted names do not linger as labels.</summary>
    public void GeneratorDeleted(string generator)
    {
        lock (_generatorsLock)
        {
            _earliestExpiry.Remove(generator);
            _resources.RemoveLabelled(generator);
            _available.RemoveLabelled(generator);
            _secondsUntilExpiry.RemoveLabelled(generator);
        }
    }

    public void Restarted(string informer, RestartReason reason) => _watchRestarts.WithLabels(informer, Label(reason)).Inc();

    public void Relisted(string informer) => _relists.WithLabels(informer).Inc();

    public void HandlerFailed(string informer) => _handlerFailures.WithLabels(informer).Inc();

    public void TransformFailed(string informer) => _transformFailures.WithLabels(informer).Inc();

    /// <summary>One request to the API server finished, successfully (<paramref name="failure"/> null) or classified.</summary>
    public void ApplyRequestCompleted(ApiFailureKind? failure)
    {
        if (OutcomeLabel(failure) is { } label)
        {
            _applied.WithLabels(label).Inc();
        }
    }

    /// <summary>The applier's failure kinds, folded into the closed <c>outcome</c> label set dashboards know.</summary>
    private static string? OutcomeLabel(ApiFailureKind? failure) => failure switch
    {
        null => "applied",
        ApiFailureKind.Conflict or ApiFailureKind.AlreadyExists => "conflict",
        ApiFailureKind.NotFound => "not_found",
        ApiFailureKind.Invalid or ApiFailureKind.Forbidden => "invalid",
        ApiFailureKind.Throttled => "throttled",
        ApiFailureKind.Transport => "transport_error",
        ApiFailureKind.ServerError => "server_error",
        _ => null,
    };

    /// <summary><c>leader_election_master_status</c>: 1 while this replica holds the lease, else 0.</summary>
    public void LeadershipChanged(bool isLeader) => _leader.Set(isLeader ? 1 : 0);

    /// <summary>The counter, with the series of each of <paramref name="labelSets"/> created at zero.</summary>
    private static Counter AtZero(Counter counter, IEnumerable<string[]> labelSets)
    {
        foreach (var labels in labelSets)
        {
            counter.WithLabels(labels);
        }

        return counter;
    }

    /// <summary>"RotationRequested" becomes "rotation_requested", the Prometheus convention for label values.</summary>
    private static string Label<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Before each scrape, so that the value counts down between passes instead of freezing.</summary>
    private void RefreshExpiries()
    {
        lock (_generatorsLock)
        {
            foreach (var (generator, expiry) in _earliestExpiry)
            {
                _secondsUntilExpiry.WithLabels(generator).Set((expiry - _time.GetUtcNow()).TotalSeconds);
            }
        }
    }
}
