using KamajiKubeconfig.Controller.Applier;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// The worker's decision table (controller-runtime's <c>reconcileHandler</c>; docs/design.md, "The worker's decision
/// table"). Input errors are in status and count as success. Pure, so it is tested as a table. Cancellation is
/// decided by the worker before this.
/// </summary>
public static class WorkerPolicy
{
    public static (WorkerDecision Decision, TimeSpan Delay) Decide(PassReport? report, Exception? failure, DateTimeOffset now) => (failure, report) switch
    {
        (not null, _) => (WorkerDecision.RequeueRateLimited, TimeSpan.Zero),
        (_, null) => (WorkerDecision.GeneratorGone, TimeSpan.Zero),
        (_, { Transient: true, RetryAfter: { } wait }) when wait > TimeSpan.Zero => (WorkerDecision.RequeueRetryAfter, wait),
        (_, { Transient: true }) => (WorkerDecision.RequeueRateLimited, TimeSpan.Zero),
        (_, { Plan.RequeueAt: { } at }) => (WorkerDecision.RequeueAfter, at > now ? at - now : TimeSpan.Zero),
        _ => (WorkerDecision.Forget, TimeSpan.Zero),
    };
}
