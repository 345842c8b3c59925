namespace KamajiKubeconfig.Queue;

/// <summary>Ready-made rate limiters with client-go's defaults.</summary>
internal static class RateLimiters
{
    /// <summary>Per-item backoff starts here (client-go <c>DefaultTypedControllerRateLimiter</c>).</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Per-item backoff never exceeds this; reached after about 18 failures.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);

    /// <summary>Overall retry rate; it only limits retries, never first adds.</summary>
    public const double DefaultTokensPerSecond = 10;

    /// <summary>Overall retry burst.</summary>
    public const int DefaultBurst = 100;

    /// <summary>
    /// The worst of a per-item exponential backoff (5 ms → 1000 s) and an overall token bucket
    /// (10 per second, burst 100), as client-go's <c>DefaultTypedControllerRateLimiter</c>.
    /// </summary>
    public static IRateLimiter<T> Default<T>(TimeProvider timeProvider)
        where T : notnull => Default<T>(timeProvider, DefaultMaxDelay);

    /// <summary>
    /// The same with another per-item cap. client-go's 1000 s means a Secret deleted after a run of API failures
    /// can stay missing for over 16 minutes once the failures stop; a controller handing out credentials caps it lower.
    /// </summary>
    public static IRateLimiter<T> Default<T>(TimeProvider timeProvider, TimeSpan maxDelay)
        where T : notnull =>
        new MaxOfRateLimiter<T>(
            new ItemExponentialFailureRateLimiter<T>(DefaultBaseDelay, maxDelay),
            new TokenBucketRateLimiter<T>(DefaultTokensPerSecond, DefaultBurst, timeProvider));
}
