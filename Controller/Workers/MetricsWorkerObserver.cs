using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>Turns the worker's decisions into controller-runtime's reconcile metrics and our per-generator series.</summary>
internal sealed class MetricsWorkerObserver(IReconcileMetrics metrics) : IWorkerObserver
{
    public void PassStarted() => metrics.ReconcileStarted();

    public void PassFinished(string generator, WorkerDecision decision, PassReport? report, bool bug, TimeSpan duration)
    {
        if (bug)
        {
            // controller-runtime counts a panic for an unexpected failure; API errors and timeouts are plain errors.
            metrics.ReconcilePanicked();
        }
        metrics.ReconcileFinished(decision, duration);
        if (decision == WorkerDecision.GeneratorGone)
        {
            metrics.GeneratorDeleted(generator);
        }
        if (report is null)
        {
            // Failed or cancelled: what is known about the generator did not change.
            return;
        }
        foreach (var (reason, count) in report.Issued)
        {
            for (var i = 0; i < count; i++)
            {
                metrics.CertificateIssued(reason);
            }
        }
        metrics.SecretsPruned(report.Pruned);
        metrics.SecretsRepaired(report.Repaired);
        var plan = report.Plan;
        if (plan.Mode == PlanMode.Finalizing)
        {
            metrics.GeneratorDeleted(generator);
        }
        else if (plan.Status is { } status)
        {
            var earliest = plan.Targets.Select(t => t.CertificateNotAfter).Where(t => t is not null).DefaultIfEmpty(null).Min();
            metrics.GeneratorObserved(generator, status.Resources, status.AvailableResources, earliest);
        }
    }
}
