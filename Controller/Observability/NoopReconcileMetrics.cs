using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>Records nothing: the default for workers built without metrics (tests, tools).</summary>
internal sealed class NoopReconcileMetrics : IReconcileMetrics
{
    public static readonly NoopReconcileMetrics Instance = new();

    private NoopReconcileMetrics()
    {
    }

    public void ReconcileStarted()
    {
    }

    public void ReconcileFinished(ReconcileOutcome outcome, TimeSpan duration)
    {
    }

    public void ReconcilePanicked()
    {
    }

    public void CertificateIssued(IssueReason reason)
    {
    }

    public void SecretsPruned(int count)
    {
    }

    public void SecretsRepaired(int count)
    {
    }

    public void GeneratorObserved(string generator, int resources, int availableResources, DateTimeOffset? earliestExpiry)
    {
    }

    public void GeneratorDeleted(string generator)
    {
    }
}
