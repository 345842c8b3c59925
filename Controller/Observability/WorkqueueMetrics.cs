using KamajiKubeconfig.Queue;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// One work queue's metrics. The queue calls these under its lock, so every series is resolved up front
/// (<see cref="ControllerMetrics.ForQueue"/>) and each call is a single lock-free update that cannot throw.
/// </summary>
internal sealed class WorkqueueMetrics(
    GaugeSeries depthSeries,
    CounterSeries addsSeries,
    HistogramSeries queueDurationSeries,
    HistogramSeries workDurationSeries,
    GaugeSeries unfinishedWorkSeries,
    GaugeSeries longestRunningSeries,
    CounterSeries retriesSeries) : IQueueMetrics
{
    public void SetDepth(int depth) => depthSeries.Set(depth);

    public void IncrementAdds() => addsSeries.Inc();

    public void ObserveQueueDuration(TimeSpan duration) => queueDurationSeries.Observe(duration.TotalSeconds);

    public void ObserveWorkDuration(TimeSpan duration) => workDurationSeries.Observe(duration.TotalSeconds);

    public void SetUnfinishedWork(TimeSpan total, TimeSpan longestRunning)
    {
        unfinishedWorkSeries.Set(total.TotalSeconds);
        longestRunningSeries.Set(longestRunning.TotalSeconds);
    }

    public void IncrementRetries() => retriesSeries.Inc();
}
