using k8s;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Reconcile;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>
/// The scrape a dashboard reads, pinned: with the production wiring and every port used once, the names, help,
/// types and label sets (values aside) equal <c>scrape.golden.txt</c>, which was captured from the controller's
/// first, hand-written metrics implementation before it moved to prometheus-net.
/// </summary>
public class ScrapeGoldenTests
{
    private static readonly string GoldenPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "Observability", "scrape.golden.txt");

    [Test]
    public async Task Scrape_ProductionWiringEveryPortUsed_MatchesTheGolden()
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "https://127.0.0.1:1" });
        var services = new ServiceCollection().AddLogging()
            .AddKubeconfigGenerator(new ControllerOptions { LeaderElect = false, Workers = 2 }, client, "golden");
        await using var provider = services.BuildServiceProvider();
        UseEveryPort(provider);

        var shape = ExpositionShape.Of(await ScrapeAsync(provider));

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") is { Length: > 0 } target)
        {
            await File.WriteAllTextAsync(target, shape);
        }

        Assert.That(shape, Is.EqualTo(await File.ReadAllTextAsync(GoldenPath)));
    }

    private static async Task<string> ScrapeAsync(IServiceProvider provider)
    {
        using var output = new MemoryStream();
        await provider.GetRequiredService<CollectorRegistry>().CollectAndExportAsTextAsync(output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>Calls every port method once, so that every series that can exist does; one generator is deleted again.</summary>
    private static void UseEveryPort(IServiceProvider provider)
    {
        var metrics = provider.GetRequiredService<ControllerMetrics>();
        var issued = new Dictionary<IssueReason, int> { [IssueReason.Missing] = 1 };
        var observer = provider.GetRequiredService<IWorkerObserver>();
        observer.PassStarted();
        observer.PassFinished("tenants", WorkerDecision.RequeueAfter,
            ControllerMetricsFixture.Report(2, 1, DateTimeOffset.UtcNow.AddDays(30)) with { Issued = issued, Pruned = 1, Repaired = 1 }, bug: true, TimeSpan.FromSeconds(1));
        metrics.GeneratorObserved("without-certificates", 1, 0, null);
        metrics.GeneratorObserved("deleted", 1, 1, DateTimeOffset.UtcNow.AddDays(1));
        metrics.GeneratorDeleted("deleted");

        var informers = provider.GetRequiredService<IInformerMetrics>();
        informers.Restarted("secrets-generated", RestartReason.Expired);
        informers.Relisted("secrets-generated");
        informers.HandlerFailed("namespaces");
        informers.TransformFailed("tenantcontrolplanes");

        var queue = provider.GetRequiredService<IQueueMetrics>();
        queue.SetDepth(1);
        queue.IncrementAdds();
        queue.ObserveQueueDuration(TimeSpan.FromMilliseconds(1));
        queue.ObserveWorkDuration(TimeSpan.FromSeconds(1));
        queue.SetUnfinishedWork(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        queue.IncrementRetries();

        metrics.ApplyRequestCompleted(ApiFailureKind.Conflict);
        metrics.LeadershipChanged(true);
    }
}
