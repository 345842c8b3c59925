using KamajiKubeconfig.Queue;
using Prometheus;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// One work queue's series (client-go's <c>util/workqueue/metrics.go</c> as controller-runtime registers it: labels
/// <c>controller</c> and <c>name</c>, both the queue's name). The queue calls these under its lock, so every series
/// is resolved (at zero) here and each call is one lock-free update that cannot throw.
/// </summary>
internal sealed class WorkqueueMetrics(MetricFactory factory, string name) : IQueueMetrics
{
    private static readonly string[] Labels = ["controller", "name"];

    /// <summary>
    /// controller-runtime's <c>ExponentialBuckets(10e-9, 10, 12)</c>, 10 ns up to 1000 s, as Go computes them (step by
    /// step, so two bounds carry its float error) and not as prometheus-net does (in decimal), so that the le labels match.
    /// </summary>
    private static readonly HistogramConfiguration Durations = new()
    {
        Buckets = [1e-08, 1e-07, 1e-06, 9.999999999999999e-06, 9.999999999999999e-05, 0.001, 0.01, 0.1, 1, 10, 100, 1000],
    };

    private readonly Gauge.Child _depth = factory.CreateGauge("workqueue_depth", "Current depth of workqueue", Labels).WithLabels(name, name);
    private readonly Counter.Child _adds = factory.CreateCounter("workqueue_adds_total", "Total number of adds handled by workqueue", Labels).WithLabels(name, name);
    private readonly Histogram.Child _queueDuration = factory.CreateHistogram("workqueue_queue_duration_seconds",
        "How long in seconds an item stays in workqueue before being requested", Labels, Durations).WithLabels(name, name);
    private readonly Histogram.Child _workDuration = factory.CreateHistogram("workqueue_work_duration_seconds",
        "How long in seconds processing an item from workqueue takes.", Labels, Durations).WithLabels(name, name);
    private readonly Gauge.Child _unfinishedWork = factory.CreateGauge("workqueue_unfinished_work_seconds",
        "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.",
        Labels).WithLabels(name, name);
    private readonly Gauge.Child _longestRunning = factory.CreateGauge("workqueue_longest_running_processor_seconds",
        "How many seconds has the longest running processor for workqueue been running.", Labels).WithLabels(name, name);
    private readonly Counter.Child _retries = factory.CreateCounter("workqueue_retries_total", "Total number of retries handled by workqueue", Labels).WithLabels(name, name);

    public void SetDepth(int depth) => _depth.Set(depth);

    public void IncrementAdds() => _adds.Inc();

    public void ObserveQueueDuration(TimeSpan duration) => _queueDuration.Observe(duration.TotalSeconds);

    public void ObserveWorkDuration(TimeSpan duration) => _workDuration.Observe(duration.TotalSeconds);

    public void SetUnfinishedWork(TimeSpan total, TimeSpan longestRunning)
    {
        _unfinishedWork.Set(total.TotalSeconds);
        _longestRunning.Set(longestRunning.TotalSeconds);
    }

    public void IncrementRetries() => _retries.Inc();
}
