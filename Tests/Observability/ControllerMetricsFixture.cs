using System.Text;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Reconcile;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>A fresh registry, fake clock and <see cref="ControllerMetrics"/>, with helpers to read series back.</summary>
internal sealed class ControllerMetricsFixture
{
    public const string ControllerName = "kubeconfiggenerator";
    public const string Lease = "kubeconfiggenerator.kamaji.clastix.io";
    public const string GeneratorName = "tenants";

    public ControllerMetricsFixture()
    {
        Metrics = new ControllerMetrics(Registry, Time, maxConcurrentReconciles: 3, informers: ["secrets", "kubeconfiggenerators"], version: "1.2.3");
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public ControllerMetrics Metrics { get; }

    public string Exposition() => Collect(Registry);

    public Dictionary<string, double> Scrape() => Observability.Scrape.Parse(Exposition());

    /// <summary>The value of one series, written as it appears in the exposition; fails if it is absent.</summary>
    public double Value(string series)
    {
        var samples = Scrape();
        Assert.That(samples, Does.ContainKey(series));
        return samples[series];
    }

    /// <summary>The series of <paramref name="metric"/> that are not zero, by their labels, e.g. <c>{outcome="conflict"}</c> → 1.</summary>
    public Dictionary<string, double> NonZero(string metric) => Scrape()
        .Where(s => s.Key.StartsWith(metric + "{", StringComparison.Ordinal) && s.Value != 0)
        .ToDictionary(s => s.Key[metric.Length..], s => s.Value);

    /// <summary>The registry in text format, as <c>/metrics</c> serves it.</summary>
    public static string Collect(CollectorRegistry registry)
    {
        using var output = new MemoryStream();
        registry.CollectAndExportAsTextAsync(output).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(output.ToArray());
    }

    public static string QueueSeries(string metric, string name = ControllerName) => $"{metric}{{controller=\"{name}\",name=\"{name}\"}}";

    public static string ReconcileSeries(string metric) => $"{metric}{{controller=\"{ControllerName}\"}}";

    public static string ResultSeries(string result) => $"controller_runtime_reconcile_total{{controller=\"{ControllerName}\",result=\"{result}\"}}";

    /// <summary>What a pass over <see cref="GeneratorName"/> reports: its status counts, and one kept target per certificate expiry.</summary>
    public static PassReport Report(int resources, int available, params DateTimeOffset?[] expiries) => PassReport.Nothing(new ReconcilePlan(
        GeneratorName, PlanMode.Active, false, false,
        expiries.Select((expiry, i) => Kept(i, expiry)).ToEquatableList(),
        EquatableList<ObjectRef>.Empty,
        new GeneratorStatus(1, resources, available, EquatableList<StatusError>.Empty, EquatableList<Condition>.Empty),
        null));

    private static TargetPlan Kept(int index, DateTimeOffset? expiry) =>
        new(new ObjectRef("tenant", $"tcp-{index}"), new ObjectRef("tenant", $"tcp-{index}-{GeneratorName}"), TargetAction.Keep, null, null, null, null, null)
        {
            CertificateNotAfter = expiry,
        };
}
