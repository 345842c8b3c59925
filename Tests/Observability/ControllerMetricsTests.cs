using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using static KamajiKubeconfig.Tests.Observability.ControllerMetricsFixture;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>
/// What a scrape shows before anything happened: every closed label set at zero. (Names, labels and bucket
/// layouts are pinned by <see cref="ScrapeGoldenTests"/>.)
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class ControllerMetricsTests
{
    private readonly ControllerMetricsFixture _fixture = new();

    [Test]
    public void New_ControllerRuntimeSeries_StartAtZeroForEveryResult()
    {
        var samples = _fixture.Scrape();

        Assert.Multiple(() =>
        {
            foreach (var result in new[] { "success", "error", "requeue", "requeue_after" })
            {
                Assert.That(samples[ResultSeries(result)], Is.Zero, result);
            }

            Assert.That(samples.Keys.Count(k => k.StartsWith("controller_runtime_reconcile_total{", StringComparison.Ordinal)), Is.EqualTo(4));
            Assert.That(samples[ReconcileSeries("controller_runtime_reconcile_errors_total")], Is.Zero);
            Assert.That(samples[ReconcileSeries("controller_runtime_terminal_reconcile_errors_total")], Is.Zero);
            Assert.That(samples[ReconcileSeries("controller_runtime_reconcile_panics_total")], Is.Zero);
            Assert.That(samples[ReconcileSeries("controller_runtime_reconcile_time_seconds_count")], Is.Zero);
            Assert.That(samples[ReconcileSeries("controller_runtime_active_workers")], Is.Zero);
            Assert.That(samples[ReconcileSeries("controller_runtime_max_concurrent_reconciles")], Is.EqualTo(3));
        });
    }

    [Test]
    public void New_WorkqueueSeries_StartAtZeroForTheControllersQueue()
    {
        var samples = _fixture.Scrape();

        Assert.Multiple(() =>
        {
            foreach (var metric in new[]
            {
                "workqueue_depth", "workqueue_adds_total", "workqueue_unfinished_work_seconds",
                "workqueue_longest_running_processor_seconds", "workqueue_retries_total",
                "workqueue_queue_duration_seconds_count", "workqueue_work_duration_seconds_count",
            })
            {
                Assert.That(samples[QueueSeries(metric)], Is.Zero, metric);
            }
        });
    }

    [Test]
    public void New_OurClosedSets_StartAtZeroAndBuildInfoIsOne()
    {
        var samples = _fixture.Scrape();

        Assert.Multiple(() =>
        {
            Assert.That(samples.Keys.Count(k => k.StartsWith("kubeconfig_generator_certificates_issued_total{", StringComparison.Ordinal)), Is.EqualTo(Enum.GetValues<IssueReason>().Length));
            Assert.That(samples["kubeconfig_generator_certificates_issued_total{reason=\"certificate_authority_changed\"}"], Is.Zero);
            Assert.That(samples.Keys.Count(k => k.StartsWith("kubeconfig_generator_apply_requests_total{", StringComparison.Ordinal)), Is.EqualTo(7));
            Assert.That(samples["kubeconfig_generator_apply_requests_total{outcome=\"transport_error\"}"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_secrets_pruned_total"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_secrets_repaired_total"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_watch_restarts_total{kind=\"secrets\",reason=\"short_watch\"}"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_watch_restarts_total{kind=\"secrets\",reason=\"too_large_resource_version\"}"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_watch_restarts_total{kind=\"secrets\",reason=\"too_many_requests\"}"], Is.Zero);
            Assert.That(samples.Keys.Count(k => k.StartsWith("kubeconfig_generator_watch_restarts_total{", StringComparison.Ordinal)), Is.EqualTo(2 * Enum.GetValues<RestartReason>().Length));
            Assert.That(samples["kubeconfig_generator_relists_total{kind=\"kubeconfiggenerators\"}"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_informer_handler_failures_total{kind=\"secrets\"}"], Is.Zero);
            Assert.That(samples["kubeconfig_generator_informer_transform_failures_total{kind=\"secrets\"}"], Is.Zero);
            Assert.That(samples[$"leader_election_master_status{{name=\"{Lease}\"}}"], Is.Zero);
            Assert.That(samples[$"kubeconfig_generator_build_info{{version=\"1.2.3\",runtime=\"{Environment.Version}\"}}"], Is.EqualTo(1));
            Assert.That(samples.Keys.Where(k => k.Contains("generator=", StringComparison.Ordinal)), Is.Empty, "no generator observed yet");
        });
    }
}
