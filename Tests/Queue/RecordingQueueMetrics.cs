using KamajiKubeconfig.Queue;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>Records every call the queue makes on its metrics port (client-go metrics_test.go's testMetric).</summary>
internal sealed class RecordingQueueMetrics : IQueueMetrics
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _queueDurations = [];
    private readonly List<TimeSpan> _workDurations = [];
    private readonly List<(TimeSpan Total, TimeSpan Longest)> _unfinishedWork = [];
    private int _depth;
    private int _adds;
    private int _retries;

    public int Depth => Read(() => _depth);

    public int Adds => Read(() => _adds);

    public int Retries => Read(() => _retries);

    public IReadOnlyList<TimeSpan> QueueDurations => Read(() => _queueDurations.ToArray());

    public IReadOnlyList<TimeSpan> WorkDurations => Read(() => _workDurations.ToArray());

    public IReadOnlyList<(TimeSpan Total, TimeSpan Longest)> UnfinishedWork => Read(() => _unfinishedWork.ToArray());

    public void SetDepth(int depth) => Write(() => _depth = depth);

    public void IncrementAdds() => Write(() => _adds++);

    public void ObserveQueueDuration(TimeSpan duration) => Write(() => _queueDurations.Add(duration));

    public void ObserveWorkDuration(TimeSpan duration) => Write(() => _workDurations.Add(duration));

    public void SetUnfinishedWork(TimeSpan total, TimeSpan longestRunning) => Write(() => _unfinishedWork.Add((total, longestRunning)));

    public void IncrementRetries() => Write(() => _retries++);

    private TResult Read<TResult>(Func<TResult> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Write(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }
}
