namespace KamajiKubeconfig.Queue;

/// <summary>
/// client-go's and controller-runtime's metric names, kept verbatim so that existing workqueue dashboards
/// work. controller-runtime labels them <c>name</c> and <c>controller</c> (both the controller name) and
/// uses the histogram buckets ExponentialBuckets(10e-9, 10, 12).
/// </summary>
internal static class QueueMetricNames
{
    public const string Depth = "workqueue_depth";
    public const string Adds = "workqueue_adds_total";
    public const string QueueDuration = "workqueue_queue_duration_seconds";
    public const string WorkDuration = "workqueue_work_duration_seconds";
    public const string UnfinishedWork = "workqueue_unfinished_work_seconds";
    public const string LongestRunningProcessor = "workqueue_longest_running_processor_seconds";
    public const string Retries = "workqueue_retries_total";
}
