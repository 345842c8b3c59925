namespace KamajiKubeconfig.Queue;

/// <summary>
/// The bookkeeping behind <see cref="IQueueMetrics"/> (client-go <c>defaultQueueMetrics</c>): when each waiting item
/// was first added and each processing item taken, on the monotonic clock. Not thread-safe: the queue's lock guards it.
/// </summary>
internal sealed class QueueMetricsTracker<T>(IQueueMetrics metrics, TimeProvider timeProvider)
    where T : notnull
{
    private readonly Dictionary<T, long> _addedAt = [];
    private readonly Dictionary<T, long> _startedAt = [];

    /// <summary>A new item became dirty; <paramref name="depth"/> counts the dirty items after the add.</summary>
    public void Added(T item, int depth)
    {
        metrics.IncrementAdds();
        metrics.SetDepth(depth);
        // The first add counts: later adds of a waiting item are collapsed and do not reset its latency.
        _addedAt.TryAdd(item, timeProvider.GetTimestamp());
    }

    /// <summary>A worker took the item; <paramref name="depth"/> counts the dirty items after the take.</summary>
    public void Started(T item, int depth)
    {
        var now = timeProvider.GetTimestamp();
        metrics.SetDepth(depth);
        _startedAt[item] = now;
        if (_addedAt.Remove(item, out var addedAt))
        {
            metrics.ObserveQueueDuration(timeProvider.GetElapsedTime(addedAt, now));
        }
    }

    public void Finished(T item)
    {
        if (_startedAt.Remove(item, out var startedAt))
        {
            metrics.ObserveWorkDuration(timeProvider.GetElapsedTime(startedAt));
        }
    }

    public void SampleUnfinishedWork()
    {
        var now = timeProvider.GetTimestamp();
        var ages = _startedAt.Values.Select(startedAt => timeProvider.GetElapsedTime(startedAt, now)).ToList();
        metrics.SetUnfinishedWork(TimeSpan.FromTicks(ages.Sum(age => age.Ticks)), ages.DefaultIfEmpty().Max());
    }
}
