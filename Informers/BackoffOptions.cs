namespace KamajiKubeconfig.Informers;

/// <summary>
/// Exponential backoff between list/watch attempts. Delay n is <c>min(Initial·Factorⁿ, Cap) · (1 + Jitter·r)</c>
/// with r uniform in [0, 1), and the sequence starts over once an attempt has run for <see cref="ResetAfter"/>.
/// </summary>
public sealed record BackoffOptions(TimeSpan Initial, TimeSpan Cap, double Factor, double Jitter, TimeSpan ResetAfter)
{
    /// <summary>
    /// client-go's reflector defaults (<c>tools/cache/reflector.go</c>): 800 ms doubling to a 30 s cap, full
    /// jitter, reset after 2 min of health. Chosen there so thousands of reflectors restarting together after an
    /// API server restart spread out instead of stampeding it.
    /// </summary>
    public static BackoffOptions Reflector { get; } =
        new(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), 2.0, 1.0, TimeSpan.FromMinutes(2));
}
