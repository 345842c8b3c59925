using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// What one pass did, for the worker's decision and for metrics. Holds no key material. <see cref="Transient"/>:
/// some write failed in a way that may pass later (retry with backoff); failures that retrying cannot fix are in
/// the plan's status instead.
/// </summary>
public sealed record PassReport(
    bool Transient,
    TimeSpan? RetryAfter,
    ReconcilePlan Plan,
    IReadOnlyDictionary<IssueReason, int> Issued,
    int Repaired,
    int Pruned,
    int Failed)
{
    /// <summary>Exceptions no API failure explains (bugs), contained per target; the worker logs them with their stack.</summary>
    public IReadOnlyList<Exception> Unexpected { get; init; } = [];

    public static PassReport Nothing(ReconcilePlan plan) =>
        new(false, null, plan, new Dictionary<IssueReason, int>(), 0, 0, 0);
}
