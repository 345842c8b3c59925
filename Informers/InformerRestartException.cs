namespace KamajiKubeconfig.Informers;

/// <summary>
/// A list/watch attempt ended for a <see cref="Reason"/> the informer acts on. Sources raise it for the server's
/// answers (410 Expired: relist at the latest state; 504 ResourceVersionTooLarge: relist; 429: wait at least
/// <see cref="RetryAfter"/>; any other watch error: re-watch from the same version); the informer itself for a
/// watch it judged unhealthy (idle or too short). Transport failures stay the exceptions they are.
/// </summary>
public sealed class InformerRestartException : Exception
{
    public InformerRestartException(RestartReason reason, string message, Exception? innerException = null)
        : base(message, innerException) => Reason = reason;

    public InformerRestartException()
        : this(RestartReason.Error, "The list or watch failed.")
    {
    }

    public InformerRestartException(string message)
        : this(RestartReason.Error, message)
    {
    }

    public InformerRestartException(string message, Exception innerException)
        : this(RestartReason.Error, message, innerException)
    {
    }

    public RestartReason Reason { get; }

    /// <summary>A 429's Retry-After (header, else the Status's details.retryAfterSeconds); null when it gave none.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
