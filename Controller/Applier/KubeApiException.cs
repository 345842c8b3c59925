namespace KamajiKubeconfig.Controller.Applier;

/// <summary>A failed API call, classified. The message is the server's Status message, never a request body.</summary>
public sealed class KubeApiException(ApiFailureKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ApiFailureKind Kind { get; } = kind;

    /// <summary>The server's Retry-After, when it sent one (429, some 503s).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Failures that may succeed later with the same input.</summary>
    public bool IsTransient => Kind is not (ApiFailureKind.Invalid or ApiFailureKind.AlreadyExists or ApiFailureKind.NotFound);
}
