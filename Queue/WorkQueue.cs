using System.Threading.Channels;

namespace KamajiKubeconfig.Queue;

/// <summary>
/// client-go's rate-limiting work queue (<c>queue.go</c>, <c>delaying_queue.go</c>, <c>rate_limiting_queue.go</c>)
/// with the contract of <c>doc.go</c> (docs/design.md, The queue). Every item handed out by <see cref="GetAsync"/>
/// must be given back through <see cref="Done"/>, in a <c>finally</c>: until then it cannot be processed again.
/// </summary>
/// <remarks>
/// One lock guards the dirty and processing sets and every take from and write to the ready channel, so the three
/// always agree: an item is in the channel only if it is dirty and not processing, so the channel never holds
/// it twice. Workers wait outside the lock (<see cref="ChannelReader{T}.WaitToReadAsync"/>) and take an item
/// under it, so an item is never in flight between the channel and the processing set. The channel runs
/// continuations asynchronously (its default), so no worker code ever runs under the lock.
/// </remarks>
internal sealed class WorkQueue<T> : IDisposable
    where T : class
{
    /// <summary>How often the unfinished-work gauges are sampled (client-go's default).</summary>
    internal static readonly TimeSpan UnfinishedWorkUpdatePeriod = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Channel<T> _ready = Channel.CreateUnbounded<T>();

    // Items that need processing: queued in the channel, or parked because they are being processed.
    private readonly HashSet<T> _dirty = [];

    // Items a worker holds; some may also be dirty, and are queued again on Done.
    private readonly HashSet<T> _processing = [];

    private readonly RetryRateLimiter<T> _rateLimiter;
    private readonly IQueueMetrics? _metrics;
    private readonly QueueMetricsTracker<T>? _tracker;
    private readonly DelayedAdds<T> _delayed;
    private readonly ITimer _delayTimer;
    private readonly ITimer? _unfinishedWorkTimer;

    // Cancelled on shut-down to wake workers waiting on an empty channel. The channel itself is never
    // completed, because Done may still queue a parked item after shut-down.
    private readonly CancellationTokenSource _shutdown = new();

    private bool _shuttingDown;
    private TaskCompletionSource? _drained;

    public WorkQueue(RetryRateLimiter<T> rateLimiter, TimeProvider timeProvider, IQueueMetrics? metrics = null)
    {
        _rateLimiter = rateLimiter ?? throw new ArgumentNullException(nameof(rateLimiter));
        _metrics = metrics;
        _delayed = new DelayedAdds<T>(timeProvider);
        _delayTimer = timeProvider.CreateTimer(_ => AddDueItems(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // Without metrics (null), the bookkeeping and the sampling timer are skipped entirely, as client-go does for unnamed queues.
        if (metrics is not null)
        {
            _tracker = new QueueMetricsTracker<T>(metrics, timeProvider);
            _unfinishedWorkTimer = timeProvider.CreateTimer(
                _ => SampleUnfinishedWork(), null, UnfinishedWorkUpdatePeriod, UnfinishedWorkUpdatePeriod);
        }
    }

    /// <summary>Items ready to be handed out (parked and delayed items not included). Informational only.</summary>
    public int Count => _ready.Reader.Count;

    public bool ShuttingDown => Volatile.Read(ref _shuttingDown);

    /// <summary>Marks <paramref name="item"/> as needing processing. Ignored after shut-down.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            AddLocked(item);
        }
    }

    /// <summary>
    /// Adds <paramref name="item"/> once <paramref name="delay"/> has passed; at once if it is zero or negative.
    /// If the item is already waiting, the earlier of the two ready times wins.
    /// </summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            // Like client-go, every delayed add counts as a retry, a zero delay included.
            _metrics?.IncrementRetries();
            if (delay <= TimeSpan.Zero)
            {
                AddLocked(item);
            }
            else
            {
                _delayed.Schedule(item, delay);
                _delayTimer.Change(_delayed.TimerDueTime(), Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// The retry path: adds after the rate limiter's delay, or after <paramref name="atLeast"/> (the server's
    /// Retry-After) when longer, so a server asking for one second cannot bypass the backoff and the token bucket.
    /// </summary>
    public void AddRateLimited(T item, TimeSpan atLeast = default)
    {
        AddAfter(item, TimeSpan.FromTicks(Math.Max(_rateLimiter.When(item).Ticks, atLeast.Ticks)));
    }

    /// <summary>Clears the item's failure history (on success, or when giving up). It does not replace <see cref="Done"/>.</summary>
    public void Forget(T item) => _rateLimiter.Forget(item);

    public int NumRequeues(T item) => _rateLimiter.NumRequeues(item);

    /// <summary>
    /// Waits for the next item, or for null, client-go's shut-down signal, once the queue is shut down and empty.
    /// Cancelling throws <see cref="OperationCanceledException"/> and never loses an item.
    /// </summary>
    public async ValueTask<T?> GetAsync(CancellationToken cancellationToken)
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
                    return item;
                }

                if (_shuttingDown)
                {
                    return null;
                }
            }

            // Every waiting worker wakes on a write and all but one find the channel empty again; with a
            // handful of workers that is cheaper than handing items over outside the lock.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
            try
            {
                await _ready.Reader.WaitToReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Shut down: look again and return what is left, or the shut-down signal.
            }
        }
    }

    /// <summary>Marks <paramref name="item"/> as processed; queued again if it was added meanwhile. Ignored for an item not being processed.</summary>
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

    /// <summary>Stops accepting adds and drops delayed ones; does not wait for items being processed.</summary>
    public void ShutDown() => BeginShutDown(drain: false);

    /// <summary>
    /// Like <see cref="ShutDown"/>, then waits until every item being processed is <see cref="Done"/>. A later
    /// <see cref="ShutDown"/> ends the wait early; cancelling stops only this wait.
    /// </summary>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken) => BeginShutDown(drain: true).WaitAsync(cancellationToken);

    /// <summary>Shuts down (without draining) and releases the timers. Not to be raced with other calls.</summary>
    public void Dispose()
    {
        ShutDown();
        _shutdown.Dispose();
    }

    private void AddLocked(T item)
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

    private void AddDueItems()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            while (_delayed.TakeDue() is { } item)
            {
                AddLocked(item);
            }

            _delayTimer.Change(_delayed.TimerDueTime(), Timeout.InfiniteTimeSpan);
        }
    }

    private Task BeginShutDown(bool drain)
    {
        Task drained = Task.CompletedTask;
        bool first;
        lock (_gate)
        {
            first = !_shuttingDown;
            _shuttingDown = true;
            if (!drain)
            {
                // Forcing: a drain in progress stops waiting.
                _drained?.TrySetResult();
                _drained = null;
            }
            else if (_processing.Count > 0)
            {
                drained = (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }

        if (first)
        {
            // Outside the lock: cancelling runs the waiters' callbacks, and the timers' callbacks take the lock.
            _delayTimer.Dispose();
            _unfinishedWorkTimer?.Dispose();
            _shutdown.Cancel();
        }

        return drained;
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
