using System.Collections.Concurrent;

namespace KamajiKubeconfig.Queue;

/// <summary>
/// client-go's <c>DefaultTypedControllerRateLimiter</c> (docs/design.md, "The queue"): the worse of a per-item
/// <c>baseDelay · 2^failures</c> capped at <c>maxDelay</c> and one <see cref="TokenBucket"/> shared by all retries.
/// The bucket is asked on every call, so it spends a token even when the item's backoff wins; like client-go, its
/// burst can thus be exceeded when items were separately delayed longer. Safe to call from many threads.
/// </summary>
internal sealed class RetryRateLimiter<T>
    where T : notnull
{
    private readonly ConcurrentDictionary<T, int> _failures = new();
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TokenBucket _bucket;

    public RetryRateLimiter(TimeProvider timeProvider, TimeSpan? maxDelay = null, TimeSpan? baseDelay = null)
    {
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(1000);
        // Positive: a zero base times an infinite power of two would be NaN, and "no backoff" is a different limiter.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxDelay, _baseDelay);
        _bucket = new TokenBucket(timeProvider);
    }

    /// <summary>Records one more failure of <paramref name="item"/> and returns how long it should wait.</summary>
    public TimeSpan When(T item)
    {
        // Saturate instead of wrapping: a wrapped count would restart the backoff at the base delay.
        var exponent = _failures.AddOrUpdate(item, 1, (_, n) => n == int.MaxValue ? n : n + 1) - 1;

        // Computed in double so that 2^exponent cannot overflow; anything beyond the cap
        // (including +Infinity for huge exponents) is the cap.
        var ticks = _baseDelay.Ticks * Math.Pow(2, exponent);
        var backoff = ticks >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)ticks);
        return TimeSpan.FromTicks(Math.Max(backoff.Ticks, _bucket.Reserve().Ticks));
    }

    public void Forget(T item) => _failures.TryRemove(item, out _);

    public int NumRequeues(T item) => _failures.GetValueOrDefault(item);
}
