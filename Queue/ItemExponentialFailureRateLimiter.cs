namespace KamajiKubeconfig.Queue;

/// <summary>
/// Per-item backoff of <c>baseDelay · 2^failures</c>, capped at <c>maxDelay</c>
/// (client-go <c>TypedItemExponentialFailureRateLimiter</c>). Giving up after N failures is the caller's call.
/// </summary>
internal sealed class ItemExponentialFailureRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<T, int> _failures = [];
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    public ItemExponentialFailureRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        // Positive: a zero base times an infinite power of two would be NaN, and "no backoff" is a different limiter.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    public TimeSpan When(T item)
    {
        int exponent;
        lock (_gate)
        {
            exponent = _failures.GetValueOrDefault(item);
            // Saturate instead of wrapping: a wrapped count would restart the backoff at the base delay.
            _failures[item] = exponent == int.MaxValue ? exponent : exponent + 1;
        }

        // Computed in double so that 2^exponent cannot overflow; anything beyond the cap
        // (including +Infinity for huge exponents) is the cap.
        var ticks = _baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    public int NumRequeues(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }
}
