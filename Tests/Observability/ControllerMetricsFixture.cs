using KamajiKubeconfig.Controller.Observability;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>A fresh registry, fake clock and <see cref="ControllerMetrics"/>, with helpers to read series back.</summary>
internal sealed class ControllerMetricsFixture
{
    public const string ControllerName = "kubeconfiggenerator";
    public const string Lease = "kubeconfiggenerator.kamaji.clastix.io";

    public ControllerMetricsFixture()
    {
        Metrics = new ControllerMetrics(Registry, Time, new ControllerMetricsOptions
        {
            MaxConcurrentReconciles = 3,
            Informers = ["secrets", "kubeconfiggenerators"],
            Version = "1.2.3",
        });
    }

    public MetricRegistry Registry { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public ControllerMetrics Metrics { get; }

    public Dictionary<string, double> Scrape() => Observability.Scrape.Parse(Registry.Collect());

    /// <summary>The value of one series, written as it appears in the exposition; fails if it is absent.</summary>
    public double Value(string series)
    {
        var samples = Scrape();
        Assert.That(samples, Does.ContainKey(series));
        return samples[series];
    }

    public static string QueueSeries(string metric, string name = ControllerName) => $"{metric}{{controller=\"{name}\",name=\"{name}\"}}";

    public static string ReconcileSeries(string metric) => $"{metric}{{controller=\"{ControllerName}\"}}";

    public static string ResultSeries(string result) => $"controller_runtime_reconcile_total{{controller=\"{ControllerName}\",result=\"{result}\"}}";
}
