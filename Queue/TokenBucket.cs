namespace KamajiKubeconfig.Queue;

/// <summary>
/// client-go's <c>TypedBucketRateLimiter</c>: <see cref="Reserve"/> always reserves a token, even one not there yet,
/// and returns how long until it is, like <c>rate.Limiter.Reserve().Delay()</c>. System.Threading.RateLimiting
/// cannot "reserve now, tell me the delay" on an injected clock, hence this small class.
/// </summary>
internal sealed class TokenBucket(TimeProvider timeProvider)
{
    // client-go's default for controller retries: 10 per second, burst 100.
    private const double TokensPerSecond = 10;
    private const int Burst = 100;

    private readonly Lock _gate = new();

    // Starts full, as rate.NewLimiter does. May go negative: a negative balance is the queue of reservations
    // already handed out.
    private double _tokens = Burst;
    private long _lastTimestamp = timeProvider.GetTimestamp();

    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            // A clock that steps backwards refills nothing rather than draining the bucket.
            var elapsed = now > _lastTimestamp ? timeProvider.GetElapsedTime(_lastTimestamp, now) : TimeSpan.Zero;
            _lastTimestamp = Math.Max(now, _lastTimestamp);

            // Work in ticks: whole-tick arithmetic keeps the common rates (10/s) exact in tests.
            var refill = elapsed.Ticks * TokensPerSecond / TimeSpan.TicksPerSecond;
            _tokens = Math.Min(Burst, _tokens + refill) - 1;
            return _tokens >= 0
                ? TimeSpan.Zero
                : TimeSpan.FromTicks((long)Math.Round(-_tokens * TimeSpan.TicksPerSecond / TokensPerSecond));
        }
    }
}
