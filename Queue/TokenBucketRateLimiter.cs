namespace KamajiKubeconfig.Queue;

/// <summary>
/// One bucket shared by all items (client-go <c>TypedBucketRateLimiter</c> over <c>rate.Limiter</c>):
/// it holds up to <c>burst</c> tokens and refills at <c>tokensPerSecond</c>. <see cref="When"/> always
/// reserves a token, even one that is not there yet, and returns how long until it is there, exactly like
/// <c>rate.Limiter.Reserve().Delay()</c>. System.Threading.RateLimiting cannot do that ("reserve now,
/// tell me the delay") on an injected clock, hence this small class.
/// </summary>
internal sealed class TokenBucketRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _tokensPerSecond;
    private readonly int _burst;

    // May go negative: a negative balance is the queue of reservations already handed out.
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucketRateLimiter(double tokensPerSecond, int burst, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _tokensPerSecond = tokensPerSecond;
        _burst = burst;
        _timeProvider = timeProvider;
        // A new bucket starts full, as rate.NewLimiter does.
        _tokens = burst;
        _lastTimestamp = timeProvider.GetTimestamp();
    }

    public TimeSpan When(T item)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            // A clock that steps backwards refills nothing rather than draining the bucket.
            var elapsed = now > _lastTimestamp ? _timeProvider.GetElapsedTime(_lastTimestamp, now) : TimeSpan.Zero;
            _lastTimestamp = Math.Max(now, _lastTimestamp);

            // Work in ticks: whole-tick arithmetic keeps the common rates (10/s) exact in tests.
            var refill = elapsed.Ticks * _tokensPerSecond / TimeSpan.TicksPerSecond;
            _tokens = Math.Min(_burst, _tokens + refill) - 1;
            if (_tokens >= 0)
            {
                return TimeSpan.Zero;
            }

            return TimeSpan.FromTicks((long)Math.Round(-_tokens * TimeSpan.TicksPerSecond / _tokensPerSecond));
        }
    }

    /// <summary>Nothing to forget: the bucket does not track items.</summary>
    public void Forget(T item)
    {
    }

    /// <summary>Always 0: the bucket does not track items.</summary>
    public int NumRequeues(T item) => 0;
}
