using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Reconcile;
using static KamajiKubeconfig.Tests.Observability.ControllerMetricsFixture;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>Each port call lands on exactly the series it names, and nothing else moves.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class ControllerMetricsRecordingTests
{
    private readonly ControllerMetricsFixture _fixture = new();

    private ControllerMetrics Metrics => _fixture.Metrics;

    [Test]
    public void QueuePort_EachCall_MapsToItsWorkqueueSeries()
    {
        var queue = Metrics.Queue;

        queue.SetDepth(3);
        queue.IncrementAdds();
        queue.IncrementAdds();
        queue.ObserveQueueDuration(TimeSpan.FromMicroseconds(50));
        queue.ObserveWorkDuration(TimeSpan.FromSeconds(2));
        queue.SetUnfinishedWork(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));
        queue.IncrementRetries();

        var samples = _fixture.Scrape();
        Assert.Multiple(() =>
        {
            Assert.That(samples[QueueSeries("workqueue_depth")], Is.EqualTo(3));
            Assert.That(samples[QueueSeries("workqueue_adds_total")], Is.EqualTo(2));
            Assert.That(samples[QueueSeries("workqueue_queue_duration_seconds_count")], Is.EqualTo(1));
            Assert.That(samples[QueueSeries("workqueue_queue_duration_seconds_sum")], Is.EqualTo(50e-6).Within(1e-12));
            Assert.That(samples[$"workqueue_queue_duration_seconds_bucket{{controller=\"{ControllerName}\",name=\"{ControllerName}\",le=\"9.999999999999999e-05\"}}"], Is.EqualTo(1));
            Assert.That(samples[$"workqueue_queue_duration_seconds_bucket{{controller=\"{ControllerName}\",name=\"{ControllerName}\",le=\"9.999999999999999e-06\"}}"], Is.Zero);
            Assert.That(samples[QueueSeries("workqueue_work_duration_seconds_sum")], Is.EqualTo(2));
            Assert.That(samples[QueueSeries("workqueue_unfinished_work_seconds")], Is.EqualTo(3));
            Assert.That(samples[QueueSeries("workqueue_longest_running_processor_seconds")], Is.EqualTo(2));
            Assert.That(samples[QueueSeries("workqueue_retries_total")], Is.EqualTo(1));
        });
    }

    [Test]
    public void QueuePort_DrivenByARealWorkQueue_CountsAddTakeAndDone()
    {
        using var queue = new WorkQueue<string>(new RetryRateLimiter<string>(_fixture.Time), _fixture.Time, Metrics.Queue);

        queue.Add("tenants");
        queue.Add("tenants");
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(20));
        var next = queue.GetAsync(CancellationToken.None).AsTask();
        Assert.That(next.IsCompleted, Is.True);
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(300));
        queue.Done(next.Result!);

        var samples = _fixture.Scrape();
        Assert.Multiple(() =>
        {
            Assert.That(samples[QueueSeries("workqueue_adds_total")], Is.EqualTo(1), "the second add collapsed into the first");
            Assert.That(samples[QueueSeries("workqueue_depth")], Is.Zero);
            Assert.That(samples[QueueSeries("workqueue_queue_duration_seconds_sum")], Is.EqualTo(0.02).Within(1e-9));
            Assert.That(samples[QueueSeries("workqueue_work_duration_seconds_sum")], Is.EqualTo(0.3).Within(1e-9));
        });
    }

    [Test]
    public void InformerPort_EachCall_MapsToItsKindSeries_AndNewInformersAppear()
    {

        Metrics.Restarted("secrets", RestartReason.Expired);
        Metrics.Restarted("secrets", RestartReason.ShortWatch);
        Metrics.Relisted("secrets");
        Metrics.HandlerFailed("kubeconfiggenerators");
        Metrics.TransformFailed("tenantcontrolplanes");

        var samples = _fixture.Scrape();
        Assert.Multiple(() =>
        {
            Assert.That(samples["kubeconfig_generator_watch_restarts_total{kind=\"secrets\",reason=\"expired\"}"], Is.EqualTo(1));
            Assert.That(samples["kubeconfig_generator_watch_restarts_total{kind=\"secrets\",reason=\"short_watch\"}"], Is.EqualTo(1));
            Assert.That(samples["kubeconfig_generator_watch_restarts_total{kind=\"secrets\",reason=\"closed\"}"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_relists_total{kind=\"secrets\"}"], Is.EqualTo(1));
            Assert.That(samples["kubeconfig_generator_informer_handler_failures_total{kind=\"kubeconfiggenerators\"}"], Is.EqualTo(1));
            Assert.That(samples["kubeconfig_generator_informer_transform_failures_total{kind=\"tenantcontrolplanes\"}"], Is.EqualTo(1));
        });
    }

    [TestCase(WorkerDecision.Forget, "success", 0)]
    [TestCase(WorkerDecision.GeneratorGone, "success", 0)]
    [TestCase(WorkerDecision.RequeueAfter, "requeue_after", 0)]
    [TestCase(WorkerDecision.RequeueRateLimited, "error", 1)]
    [TestCase(WorkerDecision.RequeueRetryAfter, "error", 1)]
    [TestCase(WorkerDecision.Cancelled, "error", 1)]
    public void PassFinished_Decision_CountsResultAndErrorsAsControllerRuntime(WorkerDecision decision, string result, int errors)
    {
        Metrics.PassStarted();
        Metrics.PassFinished(GeneratorName, decision, report: null, bug: false, TimeSpan.FromMilliseconds(200));

        var samples = _fixture.Scrape();
        Assert.Multiple(() =>
        {
            Assert.That(samples[ResultSeries(result)], Is.EqualTo(1));
            Assert.That(samples.Where(s => s.Key.StartsWith("controller_runtime_reconcile_total", StringComparison.Ordinal)).Sum(s => s.Value), Is.EqualTo(1));
            Assert.That(samples[ReconcileSeries("controller_runtime_reconcile_errors_total")], Is.EqualTo(errors));
            Assert.That(samples[ReconcileSeries("controller_runtime_terminal_reconcile_errors_total")], Is.Zero);
            Assert.That(samples[ReconcileSeries("controller_runtime_reconcile_panics_total")], Is.Zero);
            Assert.That(samples[ReconcileSeries("controller_runtime_active_workers")], Is.Zero);
            Assert.That(samples[$"controller_runtime_reconcile_time_seconds_bucket{{controller=\"{ControllerName}\",le=\"0.15\"}}"], Is.Zero);
            Assert.That(samples[$"controller_runtime_reconcile_time_seconds_bucket{{controller=\"{ControllerName}\",le=\"0.2\"}}"], Is.EqualTo(1));
            Assert.That(samples[ReconcileSeries("controller_runtime_reconcile_time_seconds_sum")], Is.EqualTo(0.2));
        });
    }

    [Test]
    public void PassStarted_TwoInFlight_ShowsTwoActiveWorkers()
    {
        Metrics.PassStarted();
        Metrics.PassStarted();
        Metrics.PassFinished(GeneratorName, WorkerDecision.Forget, null, false, TimeSpan.Zero);
        Metrics.PassStarted();

        Assert.That(_fixture.Value(ReconcileSeries("controller_runtime_active_workers")), Is.EqualTo(2));
    }

    [Test]
    public void PassFinished_Bug_CountsAPanicAndAnError()
    {
        Metrics.PassStarted();
        Metrics.PassFinished(GeneratorName, WorkerDecision.RequeueRateLimited, null, bug: true, TimeSpan.Zero);

        Assert.That(_fixture.Value(ReconcileSeries("controller_runtime_reconcile_panics_total")), Is.EqualTo(1));
        Assert.That(_fixture.Value(ResultSeries("error")), Is.EqualTo(1));
    }

    [Test]
    public void PassFinished_Report_CountsIssuedPrunedAndRepaired()
    {
        var issued = new Dictionary<IssueReason, int> { [IssueReason.Expiring] = 2, [IssueReason.CertificateAuthorityChanged] = 1 };

        Metrics.PassFinished(GeneratorName, WorkerDecision.Forget, Report(0, 0) with { Issued = issued, Pruned = 3, Repaired = 2 }, false, TimeSpan.Zero);
        Metrics.PassFinished(GeneratorName, WorkerDecision.Forget, Report(0, 0), false, TimeSpan.Zero);

        var samples = _fixture.Scrape();
        Assert.Multiple(() =>
        {
            Assert.That(samples["kubeconfig_generator_certificates_issued_total{reason=\"expiring\"}"], Is.EqualTo(2));
            Assert.That(samples["kubeconfig_generator_certificates_issued_total{reason=\"certificate_authority_changed\"}"], Is.EqualTo(1));
            Assert.That(samples["kubeconfig_generator_certificates_issued_total{reason=\"missing\"}"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_secrets_pruned_total"], Is.EqualTo(3));
            Assert.That(samples["kubeconfig_generator_secrets_repaired_total"], Is.EqualTo(2));
        });
    }

    [Test]
    public void PassFinished_Report_ObservesTheGeneratorWithItsEarliestExpiry()
    {
        var now = _fixture.Time.GetUtcNow();

        Metrics.PassFinished(GeneratorName, WorkerDecision.RequeueAfter, Report(3, 2, now.AddHours(2), null, now.AddHours(1)), false, TimeSpan.Zero);

        var samples = _fixture.Scrape();
        Assert.Multiple(() =>
        {
            Assert.That(samples[$"kubeconfig_generator_resources{{generator=\"{GeneratorName}\"}}"], Is.EqualTo(3));
            Assert.That(samples[$"kubeconfig_generator_available_resources{{generator=\"{GeneratorName}\"}}"], Is.EqualTo(2));
            Assert.That(samples[$"kubeconfig_generator_certificate_expiry_seconds{{generator=\"{GeneratorName}\"}}"], Is.EqualTo(3600));
        });
    }

    [TestCase(WorkerDecision.GeneratorGone, false)]
    [TestCase(WorkerDecision.Forget, true)]
    public void PassFinished_GeneratorGoneOrFinalized_RemovesItsSeries(WorkerDecision decision, bool finalizing)
    {
        Metrics.GeneratorObserved(GeneratorName, 1, 1, _fixture.Time.GetUtcNow().AddDays(1));
        var report = finalizing ? Report(1, 1) with { Plan = Report(1, 1).Plan with { Mode = PlanMode.Finalizing } } : null;

        Metrics.PassFinished(GeneratorName, decision, report, false, TimeSpan.Zero);

        Assert.That(_fixture.Scrape().Keys.Where(k => k.Contains("generator=", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase(WorkerDecision.RequeueRateLimited)]
    [TestCase(WorkerDecision.Cancelled)]
    public void PassFinished_WithoutReport_KeepsWhatIsKnownAboutTheGenerator(WorkerDecision decision)
    {
        Metrics.GeneratorObserved(GeneratorName, 2, 1, _fixture.Time.GetUtcNow().AddDays(1));
        var before = _fixture.Scrape().Where(s => s.Key.Contains("generator=", StringComparison.Ordinal));

        Metrics.PassFinished(GeneratorName, decision, null, false, TimeSpan.Zero);

        Assert.That(_fixture.Scrape().Where(s => s.Key.Contains("generator=", StringComparison.Ordinal)), Is.EquivalentTo(before));
    }

    [Test]
    public void Ports_ValuesOutsideTheirEnumsOrNegative_AreIgnoredNotThrown()
    {
        var odd = new Dictionary<IssueReason, int> { [(IssueReason)99] = 1, [IssueReason.Missing] = -1 };

        Assert.DoesNotThrow(() =>
        {
            Metrics.PassFinished(GeneratorName, WorkerDecision.Forget, Report(0, 0) with { Issued = odd, Pruned = -5, Repaired = -1 }, false, TimeSpan.Zero);
            Metrics.ApplyRequestCompleted((ApiFailureKind)(-1));
        });

        var samples = _fixture.Scrape();
        Assert.That(samples.Where(s => s.Key.StartsWith("kubeconfig_generator_certificates_issued_total", StringComparison.Ordinal)).Sum(s => s.Value), Is.Zero);
        Assert.That(samples.Where(s => s.Key.StartsWith("kubeconfig_generator_apply_requests_total", StringComparison.Ordinal)).Sum(s => s.Value), Is.Zero);
        Assert.That(samples["kubeconfig_generator_secrets_pruned_total"] + samples["kubeconfig_generator_secrets_repaired_total"], Is.Zero);
    }

    [TestCase(null, "applied")]
    [TestCase(ApiFailureKind.NotFound, "not_found")]
    [TestCase(ApiFailureKind.ServerError, "server_error")]
    [TestCase(ApiFailureKind.AlreadyExists, "conflict")]
    [TestCase(ApiFailureKind.Forbidden, "invalid")]
    [TestCase(ApiFailureKind.Transport, "transport_error")]
    public void ApplyRequestCompleted_CountsByOutcome(ApiFailureKind? failure, string label)
    {
        Metrics.ApplyRequestCompleted(failure);

        var samples = _fixture.Scrape();
        Assert.That(samples[$"kubeconfig_generator_apply_requests_total{{outcome=\"{label}\"}}"], Is.EqualTo(1));
        Assert.That(samples.Where(s => s.Key.StartsWith("kubeconfig_generator_apply_requests_total", StringComparison.Ordinal)).Sum(s => s.Value), Is.EqualTo(1));
    }

    [Test]
    public void LeadershipChanged_SetsMasterStatusForTheLease()
    {
        var series = $"leader_election_master_status{{name=\"{Lease}\"}}";

        Metrics.LeadershipChanged(true);
        Assert.That(_fixture.Value(series), Is.EqualTo(1));

        Metrics.LeadershipChanged(false);
        Assert.That(_fixture.Value(series), Is.Zero);
    }
}
