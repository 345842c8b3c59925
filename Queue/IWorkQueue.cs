namespace KamajiKubeconfig.Queue;

/// <summary>
/// A rate-limited work queue with client-go's contract (<c>util/workqueue/doc.go</c>, <c>TypedRateLimitingInterface</c>):
/// <list type="bullet">
/// <item>Fair: items are handed out in the order they were added.</item>
/// <item>Stingy: an item is never processed by two workers at once, and adding it many times before it is
/// processed processes it once. An item added while it is being processed is parked and handed out again
/// after <see cref="Done"/>.</item>
/// <item>Many producers and many workers.</item>
/// <item>Shut down: adds are ignored from then on; workers get the remaining items, then the shut-down signal.</item>
/// </list>
/// Every item handed out by <see cref="GetAsync"/> must be given back through <see cref="Done"/>, in a
/// <c>finally</c>: until then the item cannot be processed again.
/// </summary>
internal interface IWorkQueue<T>
    where T : notnull
{
    /// <summary>Items ready to be handed out (parked and delayed items not included). Informational only.</summary>
    int Count { get; }

    /// <summary>Whether <see cref="ShutDown"/> or <see cref="ShutDownWithDrainAsync"/> has been called.</summary>
    bool ShuttingDown { get; }

    /// <summary>Marks <paramref name="item"/> as needing processing. Ignored after shut-down.</summary>
    void Add(T item);

    /// <summary>
    /// Adds <paramref name="item"/> once <paramref name="delay"/> has passed; at once if it is zero or negative.
    /// If the item is already waiting, the earlier of the two ready times wins.
    /// </summary>
    void AddAfter(T item, TimeSpan delay);

    /// <summary>Adds <paramref name="item"/> after the delay the rate limiter gives it: the retry path.</summary>
    void AddRateLimited(T item);

    /// <summary>
    /// The retry path when the server named a wait (Retry-After): after the longer of the rate limiter's delay and
    /// <paramref name="atLeast"/>, so a server asking for one second cannot bypass the backoff and the token bucket.
    /// </summary>
    void AddRateLimited(T item, TimeSpan atLeast);

    /// <summary>
    /// Clears the rate limiter's failure history for <paramref name="item"/> (call it on success, or when
    /// giving up). It does not replace <see cref="Done"/>.
    /// </summary>
    void Forget(T item);

    /// <summary>How many rate-limited re-adds <paramref name="item"/> has had since it was last forgotten.</summary>
    int NumRequeues(T item);

    /// <summary>
    /// Waits for the next item, or for the shut-down signal once the queue is shut down and empty.
    /// Cancelling <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/>
    /// and never loses an item.
    /// </summary>
    ValueTask<QueueItem<T>> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Marks <paramref name="item"/> as processed. If it was added again meanwhile, it is queued again.
    /// Calling it for an item that is not being processed does nothing.
    /// </summary>
    void Done(T item);

    /// <summary>Stops accepting adds and drops delayed ones; does not wait for items being processed.</summary>
    void ShutDown();

    /// <summary>
    /// Like <see cref="ShutDown"/>, then waits until every item being processed is <see cref="Done"/>.
    /// A later <see cref="ShutDown"/> ends the wait early; cancelling <paramref name="cancellationToken"/>
    /// stops only this wait.
    /// </summary>
    Task ShutDownWithDrainAsync(CancellationToken cancellationToken);
}
