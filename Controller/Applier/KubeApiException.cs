namespace KamajiKubeconfig.Controller.Applier;

/// <summary>A failed API call, classified. The message is the server's Status message, never a request body.</summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException(ApiFailureKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        RetryAfter = retryAfter;
    }

    public KubeApiException()
    {
    }

    public KubeApiException(string message)
        : base(message)
    {
    }

    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApiFailureKind Kind { get; } = ApiFailureKind.ServerError;

    /// <summary>The server's Retry-After, when it sent one (429, some 503s).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Failures that may succeed later with the same input.</summary>
    public bool IsTransient => Kind is not (ApiFailureKind.Invalid or ApiFailureKind.AlreadyExists or ApiFailureKind.NotFound);
}
