namespace KamajiKubeconfig.Queue;

/// <summary>
/// client-go's <c>TypedBucketRateLimiter</c>: <see cref="Reserve"/> always reserves a token, even one not there yet,
/// and returns how long until it is, like <c>rate.Limiter.Reserve().Delay()</c>. System.Threading.RateLimiting
/// cannot "reserve now, tell me the delay" on an injected clock, hence this small class.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _tokensPerSecond;
    private readonly int _burst;

    // May go negative: a negative balance is the queue of reservations already handed out.
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucket(double tokensPerSecond, int burst, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _tokensPerSecond = tokensPerSecond;
        _burst = burst;
        _timeProvider = timeProvider;
        // A new bucket starts full, as rate.NewLimiter does.
        _tokens = burst;
        _lastTimestamp = timeProvider.GetTimestamp();
    }

    public TimeSpan Reserve()
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
            return _tokens >= 0
                ? TimeSpan.Zero
                : TimeSpan.FromTicks((long)Math.Round(-_tokens * TimeSpan.TicksPerSecond / _tokensPerSecond));
        }
    }
}
