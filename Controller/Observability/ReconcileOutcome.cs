namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// How one reconcile ended, as the worker's decision table sees it. Maps onto controller-runtime's closed
/// <c>result</c> label (<c>success|error|requeue|requeue_after</c>); a terminal error is an error there too,
/// and is also counted separately because it is not retried.
/// </summary>
public enum ReconcileOutcome
{
    /// <summary>Done; the item is forgotten.</summary>
    Success,

    /// <summary>Requeued through the rate limiter without an error.</summary>
    Requeue,

    /// <summary>Requeued at a time the reconcile chose (e.g. the next certificate renewal).</summary>
    RequeueAfter,

    /// <summary>A transient failure: requeued through the rate limiter.</summary>
    Error,

    /// <summary>A failure that retrying cannot fix (invalid input): recorded, not retried.</summary>
    TerminalError,
}
