namespace KamajiKubeconfig.Controller.Workers;

/// <summary>What the worker does with a key after a pass: the single retry policy of the controller.</summary>
public enum WorkerDecision
{
    /// <summary>Done: reset the key's backoff.</summary>
    Forget,

    /// <summary>Done, look again at a known time (earliest renewal): reset backoff and add after a delay.</summary>
    RequeueAfter,

    /// <summary>A transient failure: add again with the key's exponential backoff.</summary>
    RequeueRateLimited,

    /// <summary>The server asked us to wait (Retry-After): add after that long, keeping the backoff count.</summary>
    RequeueRetryAfter,
}
