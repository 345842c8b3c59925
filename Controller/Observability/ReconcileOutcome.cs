namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// How one reconcile ended, as the worker's decision table sees it: one of controller-runtime's closed
/// <c>result</c> label values (<c>success|error|requeue|requeue_after</c>; this controller never requeues
/// without a time or an error, so <c>requeue</c> stays at zero).
/// </summary>
public enum ReconcileOutcome
{
    /// <summary>Done; the item is forgotten.</summary>
    Success,

    /// <summary>Requeued at a time the reconcile chose (e.g. the next certificate renewal).</summary>
    RequeueAfter,

    /// <summary>A failure: requeued through the rate limiter.</summary>
    Error,
}
