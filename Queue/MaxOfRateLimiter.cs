namespace KamajiKubeconfig.Queue;

/// <summary>
/// Asks every limiter and keeps the worst answer (client-go <c>TypedMaxOfRateLimiter</c>).
/// Every limiter is asked on every call, so a token bucket inside still spends a token even when
/// another limiter's delay wins; like client-go, this means the bucket's burst can be exceeded
/// when items were separately delayed longer.
/// </summary>
internal sealed class MaxOfRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly IRateLimiter<T>[] _limiters;

    public MaxOfRateLimiter(params IRateLimiter<T>[] limiters)
    {
        ArgumentNullException.ThrowIfNull(limiters);
        _limiters = [.. limiters];
    }

    public TimeSpan When(T item)
    {
        var worst = TimeSpan.Zero;
        foreach (var limiter in _limiters)
        {
            var delay = limiter.When(item);
            if (delay > worst)
            {
                worst = delay;
            }
        }

        return worst;
    }

    public void Forget(T item)
    {
        foreach (var limiter in _limiters)
        {
            limiter.Forget(item);
        }
    }

    public int NumRequeues(T item)
    {
        var most = 0;
        foreach (var limiter in _limiters)
        {
            most = Math.Max(most, limiter.NumRequeues(item));
        }

        return most;
    }
}
