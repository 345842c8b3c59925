using System.Globalization;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>One scrape of the controller's Prometheus text; sums a metric over all (or some) of its label sets.</summary>
public sealed class MetricsScrape(string text)
{
    public const string Passes = "controller_runtime_reconcile_total";
    public const string PassErrors = "controller_runtime_reconcile_errors_total";
    public const string PassSeconds = "controller_runtime_reconcile_time_seconds_sum";
    public const string QueueDepth = "workqueue_depth";
    public const string ActiveWorkers = "controller_runtime_active_workers";
    public const string QueueAdds = "workqueue_adds_total";
    public const string Issued = "kubeconfig_generator_certificates_issued_total";
    public const string ApplyRequests = "kubeconfig_generator_apply_requests_total";
    public const string HeapBytes = "dotnet_gc_heap_size_bytes";
    public const string CommittedBytes = "dotnet_gc_committed_bytes";
    public const string Collections = "dotnet_gc_collections_total";

    private readonly string[] _lines = text.Split('\n');

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels contain <paramref name="labelFilter"/> (e.g. <c>result="error"</c>).</summary>
    public double Sum(string name, string? labelFilter = null) => _lines
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
        .Where(l => labelFilter is null || l.Contains(labelFilter, StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>Nothing queued and no worker busy.</summary>
    public bool QueueIdle => Sum(QueueDepth) == 0 && Sum(ActiveWorkers) == 0;
}
