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
        where T : notnull =>
        new MaxOfRateLimiter<T>(
            new ItemExponentialFailureRateLimiter<T>(DefaultBaseDelay, DefaultMaxDelay),
            new TokenBucketRateLimiter<T>(DefaultTokensPerSecond, DefaultBurst, timeProvider));
}
