namespace KamajiKubeconfig.Informers;

/// <summary>Tuning of one informer; defaults follow client-go's reflector (docs/kubernetes-notes.md A14).</summary>
public sealed record InformerOptions
{
    /// <summary>Used in logs and as the metrics label, e.g. "secrets".</summary>
    public required string Name { get; init; }

    /// <summary>List page size (kubectl and client-go's pager use 500).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// The server-side watch timeout is drawn from [this, 2·this), so that watches of many informers and
    /// replicas do not all reconnect at the same instant. At least 1 s: the request carries whole seconds, and
    /// <c>timeoutSeconds=0</c> means no timeout at all to a real API server (it then picks 30–60 min, A6).
    /// </summary>
    public TimeSpan MinWatchTimeout
    {
        get;
        init => field = value >= TimeSpan.FromSeconds(1)
            ? value
            : throw new ArgumentOutOfRangeException(
                nameof(MinWatchTimeout), value, "MinWatchTimeout must be at least 1 s: below that timeoutSeconds would be 0, which a real API server reads as no timeout at all.");
    } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A watch that delivers nothing (not even a bookmark) for its timeout plus this margin is presumed
    /// half-open and cancelled: the C# client has no read timeout of its own (B13-3).
    /// </summary>
    public TimeSpan IdleMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A watch that ends empty sooner than this counts as a failure (client-go's "very short watch").</summary>
    public TimeSpan MinWatchDuration { get; init; } = TimeSpan.FromSeconds(1);

    public BackoffOptions Backoff { get; init; } = BackoffOptions.Reflector;
}
