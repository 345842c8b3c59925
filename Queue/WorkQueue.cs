using System.Threading.Channels;

namespace KamajiKubeconfig.Queue;

/// <summary>
/// client-go's rate-limiting work queue (<c>queue.go</c>, <c>delaying_queue.go</c>, <c>rate_limiting_queue.go</c>)
/// on <see cref="System.Threading.Channels"/>. The contract is on <see cref="IWorkQueue{T}"/>.
/// </summary>
/// <remarks>
/// One lock guards the dirty and processing sets and every read and write of the ready channel, so the three
/// always agree: an item is in the channel only if it is dirty and not processing, so the channel never holds
/// it twice. Workers wait outside the lock (<see cref="ChannelReader{T}.WaitToReadAsync"/>) and take an item
/// under it, so an item is never in flight between the channel and the processing set. The channel runs
/// continuations asynchronously (its default), so no worker code ever runs under the lock.
/// </remarks>
internal sealed class WorkQueue<T> : IWorkQueue<T>, IDisposable
    where T : notnull
{
    /// <summary>How often the unfinished-work gauges are sampled (client-go's default).</summary>
    internal static readonly TimeSpan UnfinishedWorkUpdatePeriod = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Channel<T> _ready = Channel.CreateUnbounded<T>();

    // Items that need processing: queued in the channel, or parked because they are being processed.
    private readonly HashSet<T> _dirty = [];

    // Items a worker holds; some may also be dirty, and are queued again on Done.
    private readonly HashSet<T> _processing = [];

    private readonly IRateLimiter<T> _rateLimiter;
    private readonly IQueueMetrics? _metrics;
    private readonly QueueMetricsTracker<T>? _tracker;
    private readonly DelayedAdds<T> _delayed;
    private readonly ITimer? _unfinishedWorkTimer;

    // Cancelled on shut-down to wake workers waiting on an empty channel. The channel itself is never
    // completed, because Done may still queue a parked item after shut-down.
    private readonly CancellationTokenSource _shutdown = new();

    private bool _shuttingDown;
    private TaskCompletionSource? _drained;

    // Without metrics (null), the bookkeeping and the sampling timer are skipped entirely, as client-go does for unnamed queues.
    public WorkQueue(IRateLimiter<T> rateLimiter, TimeProvider timeProvider, IQueueMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(rateLimiter);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _rateLimiter = rateLimiter;
        _metrics = metrics;
        _delayed = new DelayedAdds<T>(timeProvider, Add);
        if (metrics is not null)
        {
            _tracker = new QueueMetricsTracker<T>(metrics, timeProvider);
            _unfinishedWorkTimer = timeProvider.CreateTimer(
                _ => SampleUnfinishedWork(), null, UnfinishedWorkUpdatePeriod, UnfinishedWorkUpdatePeriod);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ready.Reader.Count;
            }
        }
    }

    public bool ShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            // Collapse: an item already waiting (queued or parked) is processed once.
            if (_shuttingDown || !_dirty.Add(item))
            {
                return;
            }

            _tracker?.Added(item, _dirty.Count);
            // Parked: Done queues it again, so that no two workers hold it at once.
            if (!_processing.Contains(item))
            {
                _ready.Writer.TryWrite(item);
            }
        }
    }

    public void AddAfter(T item, TimeSpan delay)
    {
        if (ShuttingDown)
        {
            return;
        }

        // Like client-go, every delayed add counts as a retry, a zero delay included.
        _metrics?.IncrementRetries();
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        // A shut-down racing with this call stops _delayed first, and it then ignores the item.
        _delayed.Schedule(item, delay);
    }

    public void AddRateLimited(T item) => AddAfter(item, _rateLimiter.When(item));

    public void AddRateLimited(T item, TimeSpan atLeast)
    {
        var limited = _rateLimiter.When(item);
        AddAfter(item, limited > atLeast ? limited : atLeast);
    }

    public void Forget(T item) => _rateLimiter.Forget(item);

    public int NumRequeues(T item) => _rateLimiter.NumRequeues(item);

    public async ValueTask<QueueItem<T>> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                if (_ready.Reader.TryRead(out var item))
                {
                    _processing.Add(item);
                    _dirty.Remove(item);
                    _tracker?.Started(item, _dirty.Count);
                    return new QueueItem<T>(item);
                }

                if (_shuttingDown)
                {
                    return QueueItem<T>.ShutDown;
                }
            }

            // Every waiting worker wakes on a write and all but one find the channel empty again; with a
            // handful of workers that is cheaper than handing items over outside the lock.
            await WaitForReadyOrShutDownAsync(cancellationToken);
        }
    }

    public void Done(T item)
    {
        lock (_gate)
        {
            if (!_processing.Remove(item))
            {
                return;
            }

            _tracker?.Finished(item);
            if (_dirty.Contains(item))
            {
                _ready.Writer.TryWrite(item);
            }

            // A drain waits for the items being processed only, as client-go's does: an item queued again
            // here is handed out as usual, but a drain must not hang when no worker is left to take it.
            if (_processing.Count == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    public void ShutDown()
    {
        bool first;
        lock (_gate)
        {
            first = !_shuttingDown;
            _shuttingDown = true;
            // Forcing: a drain in progress stops waiting.
            _drained?.TrySetResult();
            _drained = null;
        }

        if (first)
        {
            StopBackgroundWork();
        }
    }

    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        Task drained;
        bool first;
        lock (_gate)
        {
            first = !_shuttingDown;
            _shuttingDown = true;
            drained = _processing.Count == 0
                ? Task.CompletedTask
                : (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        if (first)
        {
            StopBackgroundWork();
        }

        return drained.WaitAsync(cancellationToken);
    }

    /// <summary>Shuts down (without draining) and releases the timers. Not to be raced with other calls.</summary>
    public void Dispose()
    {
        ShutDown();
        _unfinishedWorkTimer?.Dispose();
        _delayed.Dispose();
        _shutdown.Dispose();
    }

    private async Task WaitForReadyOrShutDownAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        try
        {
            await _ready.Reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Shut down: the caller looks again and returns what is left, or the shut-down signal.
        }
    }

    // Outside the lock: cancelling runs the waiters' callbacks, and the timers' callbacks take the lock.
    private void StopBackgroundWork()
    {
        _delayed.Stop();
        _unfinishedWorkTimer?.Dispose();
        _shutdown.Cancel();
    }

    private void SampleUnfinishedWork()
    {
        lock (_gate)
        {
            if (!_shuttingDown)
            {
                _tracker?.SampleUnfinishedWork();
            }
        }
    }
}
