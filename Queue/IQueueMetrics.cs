namespace KamajiKubeconfig.Queue;

/// <summary>
/// The queue's metrics port (client-go <c>util/workqueue/metrics.go</c>): one method per instrument, each
/// mapped to the metric named below. The queue does the bookkeeping (add and start times, the clock); an
/// adapter only records values.
/// The queue calls every method while holding its lock: implementations must be thread-safe, fast, must not throw
/// and must never call back into the queue.
/// </summary>
internal interface IQueueMetrics
{
    /// <summary><c>workqueue_depth</c>: items waiting to be processed, parked re-adds included.</summary>
    void SetDepth(int depth);

    /// <summary><c>workqueue_adds_total</c>: an add that was not collapsed into a waiting one.</summary>
    void IncrementAdds();

    /// <summary><c>workqueue_queue_duration_seconds</c>: from the first add until a worker took the item.</summary>
    void ObserveQueueDuration(TimeSpan duration);

    /// <summary><c>workqueue_work_duration_seconds</c>: from a worker taking the item until <c>Done</c>.</summary>
    void ObserveWorkDuration(TimeSpan duration);

    /// <summary>
    /// <c>workqueue_unfinished_work_seconds</c> and <c>workqueue_longest_running_processor_seconds</c>:
    /// the summed and the largest age of the items being processed. Sampled periodically, because a long
    /// (stuck) item would otherwise only show up in the work duration once it finishes.
    /// </summary>
    void SetUnfinishedWork(TimeSpan total, TimeSpan longestRunning);

    /// <summary><c>workqueue_retries_total</c>: every delayed or rate-limited add, whatever its delay.</summary>
    void IncrementRetries();
}
