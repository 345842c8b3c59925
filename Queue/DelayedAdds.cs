namespace KamajiKubeconfig.Queue;

/// <summary>
/// Items waiting for their ready time (client-go <c>delaying_queue.go</c>): a heap ordered by ready time and
/// one timer armed for the head, never a timer or a <c>Task.Delay</c> per item. Due items are handed to the
/// callback in ready-time order (ties in scheduling order). A second schedule of a waiting item keeps the
/// earlier ready time. Has its own lock and calls the callback outside it, so the queue's lock and this one
/// are never held together.
/// </summary>
internal sealed class DelayedAdds<T> : IDisposable
    where T : notnull
{
    /// <summary>
    /// The timer never waits longer than this. Insurance, as client-go's 10 s heartbeat: a missed or early
    /// timer costs at most this much. It also keeps due times far inside what an <see cref="ITimer"/> accepts.
    /// </summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>The shortest wait the timer is armed for.</summary>
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Action<T> _onReady;
    private readonly ITimer _timer;

    // Ready times are offsets from _origin on the monotonic timestamp clock, so wall-clock steps do not matter.
    private readonly long _origin;

    // Lazy deletion: moving an item earlier enqueues a new entry, and the heap entry that no longer matches
    // _waiting is skipped when it surfaces. PriorityQueue has no O(log n) decrease-key.
    private readonly PriorityQueue<T, Entry> _heap = new();
    private readonly Dictionary<T, Entry> _waiting = [];
    private long _sequence;
    private bool _stopped;

    public DelayedAdds(TimeProvider timeProvider, Action<T> onReady)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(onReady);
        _timeProvider = timeProvider;
        _onReady = onReady;
        _origin = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Hands <paramref name="item"/> to the callback once <paramref name="delay"/> (> 0) has passed.</summary>
    public void Schedule(T item, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var now = Now();
            // Saturate: TimeSpan.MaxValue means "practically never", not an overflow exception.
            var readyAt = delay >= TimeSpan.MaxValue - now ? TimeSpan.MaxValue : now + delay;
            if (_waiting.TryGetValue(item, out var existing) && existing.ReadyAt <= readyAt)
            {
                return;
            }

            var entry = new Entry(readyAt, _sequence++);
            _waiting[item] = entry;
            _heap.Enqueue(item, entry);
            ArmLocked(now);
        }
    }

    /// <summary>Drops every waiting item and stops the timer; later schedules are ignored.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _heap.Clear();
            _waiting.Clear();
        }

        _timer.Dispose();
    }

    public void Dispose() => Stop();

    private void OnTimer()
    {
        List<T>? due = null;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var now = Now();
            while (_heap.TryPeek(out var item, out var entry) && entry.ReadyAt <= now)
            {
                _heap.Dequeue();
                if (_waiting.TryGetValue(item, out var live) && live == entry)
                {
                    _waiting.Remove(item);
                    (due ??= []).Add(item);
                }
            }

            ArmLocked(now);
        }

        if (due is null)
        {
            return;
        }

        // Outside the lock: the callback takes the queue's lock.
        foreach (var item in due)
        {
            _onReady(item);
        }
    }

    private void ArmLocked(TimeSpan now)
    {
        // Drop stale heads so that the timer is armed for a live entry.
        while (_heap.TryPeek(out var item, out var entry) && (!_waiting.TryGetValue(item, out var live) || live != entry))
        {
            _heap.Dequeue();
        }

        if (!_heap.TryPeek(out _, out var head))
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // At least 1 ms: timers have millisecond resolution, so a shorter wait could only spin, and a zero
        // due time may run the callback inline, inside this lock. A timer that fires early just re-arms here.
        var dueTime = Clamp(head.ReadyAt - now, MinWait, MaxWait);
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;

    private TimeSpan Now() => _timeProvider.GetElapsedTime(_origin);

    /// <summary>Ready time first, then scheduling order, so items due together keep FIFO order.</summary>
    private readonly record struct Entry(TimeSpan ReadyAt, long Sequence) : IComparable<Entry>
    {
        public int CompareTo(Entry other)
        {
            var byTime = ReadyAt.CompareTo(other.ReadyAt);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
