using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The reconcile worker's metrics port: controller-runtime's reconcile family plus what a pass did.
/// Implementations are thread-safe and never throw.
/// <c>generator</c> is the only object name that may become a label (a small set the user created).
/// </summary>
internal interface IReconcileMetrics
{
    /// <summary>A worker took an item: <c>controller_runtime_active_workers</c> goes up until the matching finish.</summary>
    void ReconcileStarted();

    /// <summary>
    /// The reconcile ended (call it in a <c>finally</c>, once per <see cref="ReconcileStarted"/>):
    /// <c>controller_runtime_reconcile_total{result}</c>, the error counters and the reconcile time.
    /// </summary>
    void ReconcileFinished(WorkerDecision decision, TimeSpan duration);

    /// <summary>A reconcile panicked (threw unexpectedly); report its outcome as an error as well.</summary>
    void ReconcilePanicked();

    void CertificateIssued(IssueReason reason);

    /// <summary>Secrets deleted because they are no longer a target of their generator.</summary>
    void SecretsPruned(int count);

    /// <summary>Secrets whose labels, owner or annotations were restored without reissuing their certificate.</summary>
    void SecretsRepaired(int count);

    /// <summary>
    /// The state of one generator after a pass: targets, available targets and the earliest certificate
    /// expiry (null when it has no certificate). The exposed "seconds until expiry" is computed at scrape time.
    /// </summary>
    void GeneratorObserved(string generator, int resources, int availableResources, DateTimeOffset? earliestExpiry);

    /// <summary>The generator is gone: its series are removed, so deleted names do not linger as labels.</summary>
    void GeneratorDeleted(string generator);
}
