using KamajiKubeconfig.Queue;
using Prometheus;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// One work queue's series (client-go's <c>util/workqueue/metrics.go</c> as controller-runtime registers it: labels
/// <c>controller</c> and <c>name</c>, both the queue's name). The queue calls these under its lock, so every series
/// is resolved (at zero) here and each call is one lock-free update that cannot throw.
/// </summary>
internal sealed class WorkqueueMetrics : IQueueMetrics
{
    /// <summary>
    /// controller-runtime's <c>ExponentialBuckets(10e-9, 10, 12)</c>, 10 ns up to 1000 s, as Go computes them (step by
    /// step, so two bounds carry its float error) and not as prometheus-net does (in decimal), so that the le labels match.
    /// </summary>
    private static readonly double[] Buckets = [1e-08, 1e-07, 1e-06, 9.999999999999999e-06, 9.999999999999999e-05, 0.001, 0.01, 0.1, 1, 10, 100, 1000];

    private readonly Gauge.Child _depth;
    private readonly Counter.Child _adds;
    private readonly Histogram.Child _queueDuration;
    private readonly Histogram.Child _workDuration;
    private readonly Gauge.Child _unfinishedWork;
    private readonly Gauge.Child _longestRunning;
    private readonly Counter.Child _retries;

    public WorkqueueMetrics(MetricFactory factory, string name)
    {
        string[] labels = ["controller", "name"];
        string[] values = [name, name];
        var durations = new HistogramConfiguration { Buckets = Buckets };
        _depth = factory.CreateGauge(QueueMetricNames.Depth, "Current depth of workqueue", labels).WithLabels(values);
        _adds = factory.CreateCounter(QueueMetricNames.Adds, "Total number of adds handled by workqueue", labels).WithLabels(values);
        _queueDuration = factory.CreateHistogram(QueueMetricNames.QueueDuration, "How long in seconds an item stays in workqueue before being requested", labels, durations).WithLabels(values);
        _workDuration = factory.CreateHistogram(QueueMetricNames.WorkDuration, "How long in seconds processing an item from workqueue takes.", labels, durations).WithLabels(values);
        _unfinishedWork = factory.CreateGauge(QueueMetricNames.UnfinishedWork, "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.", labels).WithLabels(values);
        _longestRunning = factory.CreateGauge(QueueMetricNames.LongestRunningProcessor, "How many seconds has the longest running processor for workqueue been running.", labels).WithLabels(values);
        _retries = factory.CreateCounter(QueueMetricNames.Retries, "Total number of retries handled by workqueue", labels).WithLabels(values);
    }

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
