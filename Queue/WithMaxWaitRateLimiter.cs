namespace KamajiKubeconfig.Queue;

/// <summary>
/// Caps another limiter's delay at <c>maxDelay</c> so that no item waits too long
/// (client-go <c>TypedWithMaxWaitRateLimiter</c>).
/// </summary>
internal sealed class WithMaxWaitRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly IRateLimiter<T> _inner;
    private readonly TimeSpan _maxDelay;

    public WithMaxWaitRateLimiter(IRateLimiter<T> inner, TimeSpan maxDelay)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, TimeSpan.Zero);
        _inner = inner;
        _maxDelay = maxDelay;
    }

    public TimeSpan When(T item)
    {
        var delay = _inner.When(item);
        return delay > _maxDelay ? _maxDelay : delay;
    }

    public void Forget(T item) => _inner.Forget(item);

    public int NumRequeues(T item) => _inner.NumRequeues(item);
}
