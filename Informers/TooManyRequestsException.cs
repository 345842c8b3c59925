namespace KamajiKubeconfig.Informers;

/// <summary>
/// The server throttled a list or watch request (429 Too Many Requests, e.g. API Priority and Fairness). The informer
/// waits at least <see cref="RetryAfter"/> (capped, see <see cref="ReflectorBackoff"/>) before it tries again.
/// </summary>
public sealed class TooManyRequestsException : Exception
{
    public TooManyRequestsException()
        : base("The server asked us to slow down (429).")
    {
    }

    public TooManyRequestsException(string message)
        : base(message)
    {
    }

    public TooManyRequestsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The server's Retry-After (header, else the Status's details.retryAfterSeconds); null when it gave none.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
