using KamajiKubeconfig.Controller.Applier;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// The worker's decision table (controller-runtime's <c>reconcileHandler</c>): success → forget; success with a
/// renewal time → requeue after it; transient failure → rate-limited requeue, waiting at least the server's
/// Retry-After when it sent one; input errors are recorded in status by the pass and count as success; a generator
/// that is gone is forgotten. Pure, so it is tested as a table. Cancellation is decided by the worker before this.
/// </summary>
public static class WorkerPolicy
{
    public static (WorkerDecision Decision, TimeSpan Delay) Decide(PassReport? report, Exception? failure, DateTimeOffset now)
    {
        if (failure is not null)
        {
            return (WorkerDecision.RequeueRateLimited, TimeSpan.Zero);
        }
        if (report is null)
        {
            return (WorkerDecision.GeneratorGone, TimeSpan.Zero);
        }
        if (report.Transient)
        {
            return report.RetryAfter is { } wait && wait > TimeSpan.Zero
                ? (WorkerDecision.RequeueRetryAfter, wait)
                : (WorkerDecision.RequeueRateLimited, TimeSpan.Zero);
        }
        return report.Plan.RequeueAt is { } at
            ? (WorkerDecision.RequeueAfter, at > now ? at - now : TimeSpan.Zero)
            : (WorkerDecision.Forget, TimeSpan.Zero);
    }
}
