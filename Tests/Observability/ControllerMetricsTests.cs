using System.Text.RegularExpressions;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Reconcile;
using static KamajiKubeconfig.Tests.Observability.ControllerMetricsFixture;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>
/// What a scrape shows before anything happened (every closed label set at zero), the bucket layouts, and
/// the rule that the only object names in labels are generator names.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public partial class ControllerMetricsTests
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
                QueueMetricNames.Depth, QueueMetricNames.Adds, QueueMetricNames.UnfinishedWork,
                QueueMetricNames.LongestRunningProcessor, QueueMetricNames.Retries,
                QueueMetricNames.QueueDuration + "_count", QueueMetricNames.WorkDuration + "_count",
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

    [Test]
    public void ReconcileTime_UsesControllerRuntimeBuckets()
    {
        var bounds = BucketBounds("controller_runtime_reconcile_time_seconds_bucket");

        Assert.That(bounds, Is.EqualTo(new[]
        {
            "0.005", "0.01", "0.025", "0.05", "0.1", "0.15", "0.2", "0.25", "0.3", "0.35", "0.4", "0.45", "0.5", "0.6", "0.7",
            "0.8", "0.9", "1", "1.25", "1.5", "1.75", "2", "2.5", "3", "3.5", "4", "4.5", "5", "6", "7", "8", "9", "10", "15",
            "20", "25", "30", "40", "50", "60", "+Inf",
        }));
    }

    [TestCase(QueueMetricNames.QueueDuration)]
    [TestCase(QueueMetricNames.WorkDuration)]
    public void WorkqueueDurations_UseExponentialBuckets10NsTo1000s(string metric)
    {
        var bounds = BucketBounds(metric + "_bucket");

        // Go's ExponentialBuckets multiplies step by step, so two bounds carry the float error Go shows too.
        Assert.That(bounds, Is.EqualTo(new[]
        {
            "1e-08", "1e-07", "1e-06", "9.999999999999999e-06", "9.999999999999999e-05", "0.001", "0.01", "0.1", "1", "10", "100", "1000", "+Inf",
        }));
    }

    [Test]
    public void Exposition_LabelNames_AreOnlyTheClosedSetAndGenerator()
    {
        _fixture.Metrics.GeneratorObserved("tenants", 1, 1, _fixture.Time.GetUtcNow().AddDays(1));
        _fixture.Metrics.Restarted("tenantcontrolplanes", RestartReason.Expired);

        var labelNames = _fixture.Scrape().Keys
            .SelectMany(series => LabelName().Matches(series).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.That(labelNames, Is.SubsetOf(new[] { "controller", "result", "name", "le", "reason", "outcome", "kind", "generator", "version", "runtime" }));
    }

    private List<string> BucketBounds(string bucketMetric) =>
        _fixture.Scrape().Keys
            .Where(k => k.StartsWith(bucketMetric + "{", StringComparison.Ordinal) && k.Contains($"controller=\"{ControllerName}\"", StringComparison.Ordinal))
            .Select(k => LeValue().Match(k).Groups[1].Value)
            .ToList();

    [GeneratedRegex("le=\"([^\"]*)\"")]
    private static partial Regex LeValue();

    [GeneratedRegex("[{,]([a-zA-Z_][a-zA-Z0-9_]*)=\"")]
    private static partial Regex LabelName();
}
