namespace KamajiKubeconfig.Informers;

/// <summary>
/// The delay before the next list/watch attempt, with client-go's reflector semantics (apimachinery
/// <c>wait.Backoff.Step</c> plus the backoff manager's reset). Deterministic given the injected
/// <see cref="Random"/> and <see cref="TimeProvider"/>. Not thread-safe: one instance per informer loop.
/// </summary>
public sealed class ReflectorBackoff(BackoffOptions options, TimeProvider timeProvider, Random random)
{
    private TimeSpan _next = options.Initial;
    private DateTimeOffset? _attemptStartsAt;

    /// <summary>
    /// Returns the delay to wait now, and advances the sequence. A server's <paramref name="retryAfter"/> (429)
    /// lengthens it, but counts for at most <see cref="BackoffOptions.Cap"/>: a hostile or broken header must not
    /// park the informer for hours.
    /// </summary>
    public TimeSpan Next(TimeSpan? retryAfter = null)
    {
        var now = timeProvider.GetUtcNow();

        // The attempt that just failed started when the previous delay ended; if it stayed up long enough,
        // this failure is a fresh incident and must not inherit the old, long delay.
        if (_attemptStartsAt is { } start && now - start >= options.ResetAfter)
        {
            _next = options.Initial;
        }

        var baseDelay = _next;
        var grown = TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * options.Factor, options.Cap.Ticks));
        _next = grown > baseDelay ? grown : baseDelay;
        var jittered = (long)(baseDelay.Ticks * (1 + (options.Jitter * random.NextDouble())));
        var delay = TimeSpan.FromTicks(Math.Max(jittered, Math.Min((retryAfter ?? TimeSpan.Zero).Ticks, options.Cap.Ticks)));

        _attemptStartsAt = now + delay;
        return delay;
    }
}
