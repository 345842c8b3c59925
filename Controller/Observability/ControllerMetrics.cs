using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// Every metric the controller exposes, declared in this one file (controller-runtime's <c>metrics.go</c>),
/// with controller-runtime's and client-go's names so that existing dashboards work. Label sets are closed
/// and every known series starts at zero; the only object names used as labels are generator names.
/// The ports' implementations are in <c>ControllerMetrics.Recording.cs</c>.
/// </summary>
internal sealed partial class ControllerMetrics : IReconcileMetrics, IInformerMetrics, IApplyMetrics, ILeaderElectionMetrics
{
    private const string Prefix = "kubeconfig_generator_";

    private readonly TimeProvider _timeProvider;
    private readonly ControllerMetricsOptions _options;

    // controller-runtime: pkg/internal/controller/metrics/metrics.go
    private readonly Counter _reconcileTotal;
    private readonly Counter _reconcileErrors;
    private readonly Counter _terminalReconcileErrors;
    private readonly Counter _reconcilePanics;
    private readonly Histogram _reconcileTime;
    private readonly Gauge _activeWorkers;
    private readonly Gauge _maxConcurrentReconciles;

    // client-go / controller-runtime workqueue family, labelled controller and name (both the queue's name).
    private readonly Gauge _queueDepth;
    private readonly Counter _queueAdds;
    private readonly Histogram _queueDuration;
    private readonly Histogram _workDuration;
    private readonly Gauge _unfinishedWork;
    private readonly Gauge _longestRunningProcessor;
    private readonly Counter _queueRetries;

    // client-go leaderelection/metrics.go
    private readonly Gauge _leaderStatus;

    // Ours.
    private readonly Counter _certificatesIssued;
    private readonly Counter _secretsPruned;
    private readonly Counter _secretsRepaired;
    private readonly Gauge _resources;
    private readonly Gauge _availableResources;
    private readonly Gauge _secondsUntilExpiry;
    private readonly Counter _watchRestarts;
    private readonly Counter _relists;
    private readonly Counter _handlerFailures;
    private readonly Counter _transformFailures;
    private readonly Counter _applyRequests;

    public ControllerMetrics(MetricRegistry registry, TimeProvider timeProvider, ControllerMetricsOptions options)
    {
        _timeProvider = timeProvider;
        _options = options;

        _reconcileTotal = registry.AddCounter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        _reconcileErrors = registry.AddCounter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");
        _terminalReconcileErrors = registry.AddCounter("controller_runtime_terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller", "controller");
        _reconcilePanics = registry.AddCounter("controller_runtime_reconcile_panics_total", "Total number of reconciliation panics per controller", "controller");
        _reconcileTime = registry.AddHistogram("controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller", Buckets.ReconcileTime, "controller");
        _activeWorkers = registry.AddGauge("controller_runtime_active_workers", "Number of currently used workers per controller", "controller");
        _maxConcurrentReconciles = registry.AddGauge("controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller");

        _queueDepth = registry.AddGauge(QueueMetricNames.Depth, "Current depth of workqueue", "controller", "name");
        _queueAdds = registry.AddCounter(QueueMetricNames.Adds, "Total number of adds handled by workqueue", "controller", "name");
        _queueDuration = registry.AddHistogram(QueueMetricNames.QueueDuration, "How long in seconds an item stays in workqueue before being requested", Buckets.WorkqueueDuration, "controller", "name");
        _workDuration = registry.AddHistogram(QueueMetricNames.WorkDuration, "How long in seconds processing an item from workqueue takes.", Buckets.WorkqueueDuration, "controller", "name");
        _unfinishedWork = registry.AddGauge(QueueMetricNames.UnfinishedWork, "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.", "controller", "name");
        _longestRunningProcessor = registry.AddGauge(QueueMetricNames.LongestRunningProcessor, "How many seconds has the longest running processor for workqueue been running.", "controller", "name");
        _queueRetries = registry.AddCounter(QueueMetricNames.Retries, "Total number of retries handled by workqueue", "controller", "name");

        _leaderStatus = registry.AddGauge("leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease. Please make sure to group by name.", "name");

        _certificatesIssued = registry.AddCounter(Prefix + "certificates_issued_total", "Client certificates issued, by the reason they were (re)issued", "reason");
        _secretsPruned = registry.AddCounter(Prefix + "secrets_pruned_total", "Generated Secrets deleted because they are no longer a target of their generator");
        _secretsRepaired = registry.AddCounter(Prefix + "secrets_repaired_total", "Generated Secrets whose metadata was restored without reissuing their certificate");
        _resources = registry.AddGauge(Prefix + "resources", "TenantControlPlanes selected by each generator", "generator");
        _availableResources = registry.AddGauge(Prefix + "available_resources", "Selected TenantControlPlanes whose kubeconfig Secret is up to date", "generator");
        _secondsUntilExpiry = registry.AddGauge(Prefix + "certificate_expiry_seconds", "Seconds until the earliest client certificate of each generator expires (negative once expired)", "generator");
        _watchRestarts = registry.AddCounter(Prefix + "watch_restarts_total", "Watches restarted, by informer and reason", "kind", "reason");
        _relists = registry.AddCounter(Prefix + "relists_total", "Full lists after the first one, by informer", "kind");
        _handlerFailures = registry.AddCounter(Prefix + "informer_handler_failures_total", "Change handlers that threw, by informer", "kind");
        _transformFailures = registry.AddCounter(Prefix + "informer_transform_failures_total", "Objects the informer could not transform and skipped, by informer", "kind");
        _applyRequests = registry.AddCounter(Prefix + "apply_requests_total", "Write requests to the API server, by outcome", "outcome");
        var buildInfo = registry.AddGauge(Prefix + "build_info", "Always 1; the labels carry the build's version and .NET runtime", "version", "runtime");
        buildInfo.WithLabels(options.Version, Environment.Version.ToString()).Set(1);

        var controller = options.ControllerName;
        _reconcileResults = [.. Enum.GetValues<ReconcileOutcome>().Select(outcome => _reconcileTotal.WithLabels(controller, ResultLabel(outcome)))];
        _reconcileErrorsSeries = _reconcileErrors.WithLabels(controller);
        _terminalErrorsSeries = _terminalReconcileErrors.WithLabels(controller);
        _panicsSeries = _reconcilePanics.WithLabels(controller);
        _reconcileTimeSeries = _reconcileTime.WithLabels(controller);
        _activeWorkersSeries = _activeWorkers.WithLabels(controller);
        _maxConcurrentReconciles.WithLabels(controller).Set(options.MaxConcurrentReconciles);
        _leaderSeries = _leaderStatus.WithLabels(options.LeaseName);
        _issuedByReason = LabelValue.PerMember<IssueReason, CounterSeries>(reason => _certificatesIssued.WithLabels(reason));
        _applyByOutcome = LabelValue.PerMember<ApplyRequestOutcome, CounterSeries>(outcome => _applyRequests.WithLabels(outcome));
        foreach (var informer in options.Informers)
        {
            InitialiseInformer(informer);
        }

        Queue = ForQueue(controller);
        registry.BeforeCollect(RefreshExpiries);
    }

    /// <summary>The controller's own work queue (<c>name</c> = the controller name, as controller-runtime does).</summary>
    public IQueueMetrics Queue { get; }

    /// <summary>Metrics for a work queue, with every series resolved (and zero) now, so recording is lock-free.</summary>
    public IQueueMetrics ForQueue(string name) => new WorkqueueMetrics(
        _queueDepth.WithLabels(name, name),
        _queueAdds.WithLabels(name, name),
        _queueDuration.WithLabels(name, name),
        _workDuration.WithLabels(name, name),
        _unfinishedWork.WithLabels(name, name),
        _longestRunningProcessor.WithLabels(name, name),
        _queueRetries.WithLabels(name, name));

    /// <summary>controller-runtime's closed <c>result</c> set: a terminal error is an "error" there.</summary>
    private static string ResultLabel(ReconcileOutcome outcome) => outcome switch
    {
        ReconcileOutcome.Success => "success",
        ReconcileOutcome.Requeue => "requeue",
        ReconcileOutcome.RequeueAfter => "requeue_after",
        _ => "error",
    };

    private void InitialiseInformer(string informer)
    {
        foreach (var reason in Enum.GetValues<RestartReason>())
        {
            _watchRestarts.WithLabels(informer, LabelValue.Of(reason));
        }

        _relists.WithLabels(informer);
        _handlerFailures.WithLabels(informer);
        _transformFailures.WithLabels(informer);
    }
}
