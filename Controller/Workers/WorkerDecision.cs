namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// How a pass ended and what the worker does with its key: the single retry policy of the controller, and the one
/// vocabulary the reconcile metrics are derived from.
/// </summary>
public enum WorkerDecision
{
    /// <summary>Done: reset the key's backoff.</summary>
    Forget,

    /// <summary>Done, look again at a known time (earliest renewal): reset backoff and add after a delay.</summary>
    RequeueAfter,

    /// <summary>A transient failure: add again with the key's exponential backoff.</summary>
    RequeueRateLimited,

    /// <summary>The server asked us to wait (Retry-After): add after that long or the backoff, whichever is longer.</summary>
    RequeueRetryAfter,

    /// <summary>The generator no longer exists: forget it, and drop what is known about it (metric series).</summary>
    GeneratorGone,

    /// <summary>Shutdown or lost leadership cut the pass short: no retry bookkeeping, and nothing about the generator changes.</summary>
    Cancelled,
}
