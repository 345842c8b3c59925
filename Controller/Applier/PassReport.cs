using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>What one pass did, for the worker's decision and for metrics. Holds no key material.</summary>
public sealed record PassReport(
    PassOutcome Outcome,
    TimeSpan? RetryAfter,
    ReconcilePlan Plan,
    IReadOnlyDictionary<IssueReason, int> Issued,
    int Repaired,
    int Pruned,
    int Failed)
{
    public static PassReport Nothing(ReconcilePlan plan) =>
        new(PassOutcome.Completed, null, plan, new Dictionary<IssueReason, int>(), 0, 0, 0);
}
