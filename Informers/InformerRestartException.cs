namespace KamajiKubeconfig.Informers;

/// <summary>
/// A list/watch attempt ended for a <see cref="Reason"/> the informer acts on: raised by sources for the server's
/// answers (410, 504 ResourceVersionTooLarge, 429, other watch errors) and by the informer for a watch it judged
/// unhealthy (idle or too short). Transport failures stay the exceptions they are.
/// </summary>
public sealed class InformerRestartException(RestartReason reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public RestartReason Reason { get; } = reason;

    /// <summary>A 429's Retry-After (header, else the Status's details.retryAfterSeconds); null when it gave none.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
