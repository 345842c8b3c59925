using KamajiKubeconfig.Controller.Observability;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>The process_* and dotnet_gc_* series: present, plausible, and counters that only go up across scrapes.</summary>
public class ProcessMetricsTests
{
    [Test]
    public void Scrape_ReportsThisProcessMemoryCpuAndHeap()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        ProcessMetrics.Register(registry);

        var samples = Scrape.Parse(ControllerMetricsFixture.Collect(registry));

        Assert.Multiple(() =>
        {
            Assert.That(samples["process_resident_memory_bytes"], Is.GreaterThan(10 * 1024 * 1024), "a .NET process holds more than 10 MiB");
            Assert.That(samples["process_virtual_memory_bytes"], Is.GreaterThanOrEqualTo(samples["process_resident_memory_bytes"]));
            Assert.That(samples["process_cpu_seconds_total"], Is.GreaterThan(0));
            Assert.That(samples["process_start_time_seconds"], Is.InRange(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            Assert.That(samples["dotnet_gc_heap_size_bytes"], Is.GreaterThanOrEqualTo(0));
            Assert.That(samples["dotnet_gc_committed_bytes"], Is.GreaterThan(0));
            Assert.That(samples, Does.ContainKey("dotnet_gc_collections_total{generation=\"0\"}").And.ContainKey("dotnet_gc_collections_total{generation=\"2\"}"));
        });
    }

    [Test]
    public void Counters_FollowTheProcessAcrossScrapes()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        ProcessMetrics.Register(registry);
        var first = Scrape.Parse(ControllerMetricsFixture.Collect(registry));

        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var spin = DateTime.UtcNow.AddMilliseconds(50);
        while (DateTime.UtcNow < spin)
        {
            // Burn a little CPU so the counter has something to count.
        }
        var second = Scrape.Parse(ControllerMetricsFixture.Collect(registry));

        Assert.Multiple(() =>
        {
            Assert.That(second["process_cpu_seconds_total"], Is.GreaterThan(first["process_cpu_seconds_total"]));
            Assert.That(second["dotnet_gc_collections_total{generation=\"0\"}"], Is.GreaterThan(first["dotnet_gc_collections_total{generation=\"0\"}"]));
        });
    }
}
