namespace KamajiKubeconfig.Informers;

/// <summary>
/// A list/watch attempt ended for a <see cref="Reason"/> the informer acts on: a server's answer (410, 504
/// ResourceVersionTooLarge, 429, a watch error) or a watch judged unhealthy. Transport failures stay as they are.
/// </summary>
public sealed class InformerRestartException(RestartReason reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public RestartReason Reason { get; } = reason;

    /// <summary>A 429's Retry-After (header, else the Status's details.retryAfterSeconds); null when it gave none.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
