namespace KamajiKubeconfig.Informers;

/// <summary>Why an informer started a new watch (or list). A closed set, so it can be a metric label.</summary>
public enum RestartReason
{
    /// <summary>The server ended the watch cleanly (its timeout); re-watched at once from the last version.</summary>
    Closed,

    /// <summary>The resourceVersion expired (410); the informer relists with a consistent read.</summary>
    Expired,

    /// <summary>The server has not reached our resourceVersion yet (504 ResourceVersionTooLarge); the informer relists.</summary>
    TooLargeResourceVersion,

    /// <summary>The connection failed or timed out (reset, premature end, refused).</summary>
    Transport,

    /// <summary>The server throttled us (429); the informer waits at least its Retry-After, then tries the same thing again.</summary>
    TooManyRequests,

    /// <summary>No event or bookmark for longer than the watch timeout plus a margin: a half-open connection.</summary>
    Idle,

    /// <summary>A watch ended without any event almost as soon as it began; treated as a failure to avoid a hot loop.</summary>
    ShortWatch,

    /// <summary>Anything else: a server error status, an undecodable event, a bug.</summary>
    Error,
}
