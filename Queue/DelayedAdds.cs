namespace KamajiKubeconfig.Queue;

/// <summary>
/// Items waiting for their ready time (client-go <c>delaying_queue.go</c>): a heap ordered by ready time, ties in
/// scheduling order, so items due together keep FIFO order. A second schedule of a waiting item keeps the earlier
/// ready time. Not thread-safe: <see cref="WorkQueue{T}"/> calls it under its lock and arms its one timer for
/// <see cref="TimerDueTime"/>, never a timer or a <c>Task.Delay</c> per item.
/// </summary>
internal sealed class DelayedAdds<T>(TimeProvider timeProvider)
    where T : class
{
    // The timer never waits longer: insurance, as client-go's 10 s heartbeat (a missed or early timer costs at most
    // this much), and due times stay far inside what an ITimer accepts.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    // At least 1 ms: timers have millisecond resolution, so a shorter wait could only spin, and a zero due time may
    // run the callback inline, inside the queue's lock. A timer that fires early just re-arms.
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(1);

    // Ready times are offsets from _origin on the monotonic timestamp clock, so wall-clock steps do not matter.
    private readonly long _origin = timeProvider.GetTimestamp();

    // Lazy deletion: moving an item earlier enqueues a new entry, and the heap entry that no longer matches
    // _waiting is skipped when it surfaces. PriorityQueue has no O(log n) decrease-key.
    private readonly PriorityQueue<T, (TimeSpan ReadyAt, long Sequence)> _heap = new();
    private readonly Dictionary<T, (TimeSpan ReadyAt, long Sequence)> _waiting = [];
    private long _sequence;

    public void Schedule(T item, TimeSpan delay)
    {
        var now = Now();
        // Saturate: TimeSpan.MaxValue means "practically never", not an overflow exception.
        var readyAt = delay >= TimeSpan.MaxValue - now ? TimeSpan.MaxValue : now + delay;
        if (_waiting.TryGetValue(item, out var existing) && existing.ReadyAt <= readyAt)
        {
            return;
        }

        var entry = (readyAt, _sequence++);
        _waiting[item] = entry;
        _heap.Enqueue(item, entry);
    }

    /// <summary>Takes the earliest waiting item if it is ready; null if none is.</summary>
    public T? TakeDue()
    {
        if (NextReadyAt() > Now() || !_heap.TryDequeue(out var item, out _))
        {
            return null;
        }

        _waiting.Remove(item);
        return item;
    }

    /// <summary>How long the timer should wait for the earliest waiting item; infinite when none waits.</summary>
    public TimeSpan TimerDueTime() => NextReadyAt() is { } readyAt
        ? TimeSpan.FromTicks(Math.Clamp((readyAt - Now()).Ticks, MinWait.Ticks, MaxWait.Ticks))
        : Timeout.InfiniteTimeSpan;

    private TimeSpan? NextReadyAt()
    {
        while (_heap.TryPeek(out var item, out var entry))
        {
            if (_waiting.TryGetValue(item, out var live) && live == entry)
            {
                return entry.ReadyAt;
            }

            _heap.Dequeue();
        }

        return null;
    }

    private TimeSpan Now() => timeProvider.GetElapsedTime(_origin);
}
