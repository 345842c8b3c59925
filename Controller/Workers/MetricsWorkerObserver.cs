using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>Turns pass reports into controller-runtime's reconcile metrics and our per-generator series.</summary>
internal sealed class MetricsWorkerObserver(IReconcileMetrics metrics) : IWorkerObserver
{
    public void PassStarted() => metrics.ReconcileStarted();

    public void PassFinished(string generator, PassReport? report, Exception? failure, TimeSpan duration)
    {
        if (failure is not null && failure is not KubeApiException)
        {
            // Not an API answer: a bug or an unexpected runtime failure, which controller-runtime counts as a panic.
            metrics.ReconcilePanicked();
        }
        metrics.ReconcileFinished(Outcome(report, failure), duration);
        if (report is null)
        {
            if (failure is null)
            {
                metrics.GeneratorDeleted(generator);
            }
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

    private static ReconcileOutcome Outcome(PassReport? report, Exception? failure) =>
        failure is not null ? ReconcileOutcome.Error
        : report is null ? ReconcileOutcome.Success
        : report.Outcome == PassOutcome.Transient ? ReconcileOutcome.Error
        : report.Plan.RequeueAt is not null ? ReconcileOutcome.RequeueAfter
        : ReconcileOutcome.Success;
}
