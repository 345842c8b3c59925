using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>The worker's decision table (docs/design.md: the only place that retries).</summary>
public class WorkerPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static PassReport Report(bool transient, DateTimeOffset? requeueAt = null, TimeSpan? retryAfter = null) =>
        PassReport.Nothing(new ReconcilePlan("g", PlanMode.Active, false, false, EquatableList<TargetPlan>.Empty,
            EquatableList<ObjectRef>.Empty, null, requeueAt)) with
        { Transient = transient, RetryAfter = retryAfter };

    [Test]
    public void Decide_Completed_Forgets() =>
        Assert.That(WorkerPolicy.Decide(Report(false), null, Now), Is.EqualTo((WorkerDecision.Forget, TimeSpan.Zero)));

    [Test]
    public void Decide_CompletedWithRenewal_RequeuesAtTheRenewalTime() =>
        Assert.That(WorkerPolicy.Decide(Report(false, Now.AddHours(5)), null, Now),
            Is.EqualTo((WorkerDecision.RequeueAfter, TimeSpan.FromHours(5))));

    [Test]
    public void Decide_RenewalAlreadyDue_RequeuesAtOnce() =>
        Assert.That(WorkerPolicy.Decide(Report(false, Now.AddSeconds(-1)), null, Now),
            Is.EqualTo((WorkerDecision.RequeueAfter, TimeSpan.Zero)));

    [Test]
    public void Decide_Transient_RequeuesRateLimited() =>
        Assert.That(WorkerPolicy.Decide(Report(true, Now.AddHours(5)), null, Now),
            Is.EqualTo((WorkerDecision.RequeueRateLimited, TimeSpan.Zero)));

    [Test]
    public void Decide_TransientWithRetryAfter_HonoursTheServer() =>
        Assert.That(WorkerPolicy.Decide(Report(true, retryAfter: TimeSpan.FromSeconds(7)), null, Now),
            Is.EqualTo((WorkerDecision.RequeueRetryAfter, TimeSpan.FromSeconds(7))));

    [Test]
    public void Decide_Exception_RequeuesRateLimited() =>
        Assert.That(WorkerPolicy.Decide(null, new InvalidOperationException("boom"), Now), Is.EqualTo((WorkerDecision.RequeueRateLimited, TimeSpan.Zero)));

    [Test]
    public void Decide_GeneratorGone_IsToldApartFromSuccess() =>
        Assert.That(WorkerPolicy.Decide(null, null, Now), Is.EqualTo((WorkerDecision.GeneratorGone, TimeSpan.Zero)));
}
