namespace KamajiKubeconfig.Queue;

/// <summary>
/// Retries quickly for the first <c>maxFastAttempts</c> failures of an item, slowly after that
/// (client-go <c>TypedItemFastSlowRateLimiter</c>).
/// </summary>
internal sealed class ItemFastSlowRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<T, int> _failures = [];
    private readonly TimeSpan _fastDelay;
    private readonly TimeSpan _slowDelay;
    private readonly int _maxFastAttempts;

    public ItemFastSlowRateLimiter(TimeSpan fastDelay, TimeSpan slowDelay, int maxFastAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(slowDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFastAttempts);
        _fastDelay = fastDelay;
        _slowDelay = slowDelay;
        _maxFastAttempts = maxFastAttempts;
    }

    public TimeSpan When(T item)
    {
        lock (_gate)
        {
            var failures = _failures.GetValueOrDefault(item);
            // Saturate so that a very old item never wraps back into the fast phase.
            failures = failures == int.MaxValue ? failures : failures + 1;
            _failures[item] = failures;
            return failures <= _maxFastAttempts ? _fastDelay : _slowDelay;
        }
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
