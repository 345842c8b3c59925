using System.Text;
using KamajiKubeconfig.Controller.Observability;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>A fresh registry, fake clock and <see cref="ControllerMetrics"/>, with helpers to read series back.</summary>
internal sealed class ControllerMetricsFixture
{
    public const string ControllerName = "kubeconfiggenerator";
    public const string Lease = "kubeconfiggenerator.kamaji.clastix.io";

    public ControllerMetricsFixture()
    {
        Metrics = new ControllerMetrics(Registry, Time, new ObservabilityOptions
        {
            MaxConcurrentReconciles = 3,
            Informers = ["secrets", "kubeconfiggenerators"],
            Version = "1.2.3",
        });
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
}
