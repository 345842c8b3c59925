using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Workers;
using static KamajiKubeconfig.Tests.Observability.ControllerMetricsFixture;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// Which failures count as a panic in <c>controller_runtime_reconcile_panics_total</c>: only what
/// no API answer, timeout or connection failure explains. Every failure is an error and is retried with backoff.
/// </summary>
public class ReconcileWorkerFailureTests
{
    private static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new InvalidOperationException("a bug"), true).SetArgDisplayNames("InvalidOperationException");
        yield return new TestCaseData(new ArgumentException("another bug"), true).SetArgDisplayNames("ArgumentException");
        yield return new TestCaseData(new KubeApiException(ApiFailureKind.ServerError, "500"), false).SetArgDisplayNames("KubeApiException");
        yield return new TestCaseData(new HttpRequestException("connection refused"), false).SetArgDisplayNames("HttpRequestException");
        yield return new TestCaseData(new IOException("connection reset"), false).SetArgDisplayNames("IOException");
        // What HttpClient throws when its own timeout fires: a cancellation nobody asked for.
        yield return new TestCaseData(new TaskCanceledException("client timeout", new TimeoutException()), false).SetArgDisplayNames("ClientTimeout");
    }

    [TestCaseSource(nameof(Failures))]
    public async Task Run_PassThrows_IsAnErrorRetriedWithBackoffAndAPanicOnlyWhenUnexplained(Exception failure, bool panic)
    {
        using var harness = new WorkerHarness();
        harness.Runner.ThenThrow(failure);
        harness.Queue.Add(WorkerHarness.Generator);

        await harness.RunOnePassAsync();

        Assert.That(harness.Observer.Passes, Is.EqualTo(new[] { (WorkerDecision.RequeueRateLimited, panic) }));
        Assert.That(harness.Metrics.Value(ReconcileSeries("controller_runtime_reconcile_panics_total")), Is.EqualTo(panic ? 1 : 0));
        Assert.That(harness.Metrics.Value(ResultSeries("error")), Is.EqualTo(1));
        harness.AssertReadyAfter(TimeSpan.FromMilliseconds(5), "retried with the base backoff");
    }

    [Test]
    public async Task Run_PassTimesOut_IsAnErrorNotAPanicAndIsRetried()
    {
        using var harness = new WorkerHarness();
        harness.Runner.ThenHang();
        harness.Queue.Add(WorkerHarness.Generator);
        var run = harness.RunOnePassAsync();
        await harness.Runner.NextCallAsync();

        harness.Time.Advance(WorkerHarness.Options.PassTimeout);
        await run;

        Assert.That(harness.Observer.Passes, Is.EqualTo(new[] { (WorkerDecision.RequeueRateLimited, false) }));
        Assert.That(harness.Metrics.Value(ReconcileSeries("controller_runtime_reconcile_panics_total")), Is.Zero);
        Assert.That(harness.Metrics.Value(ResultSeries("error")), Is.EqualTo(1));
        Assert.That(harness.Logger.Collector.GetSnapshot().Select(r => r.Message),
            Has.Some.EqualTo("Pass over generator g timed out after 00:05:00"));
        harness.AssertReadyAfter(TimeSpan.FromMilliseconds(5), "retried with the base backoff");
    }

    [Test]
    public async Task Run_ReportWithContainedUnexpectedFailures_CountsAPanicAndStillRetries()
    {
        using var harness = new WorkerHarness();
        harness.Runner.Then(WorkerHarness.Transient() with { Unexpected = [new InvalidOperationException("one write's bug")] });
        harness.Queue.Add(WorkerHarness.Generator);

        await harness.RunOnePassAsync();

        Assert.That(harness.Observer.Passes, Is.EqualTo(new[] { (WorkerDecision.RequeueRateLimited, true) }));
        Assert.That(harness.Metrics.Value(ReconcileSeries("controller_runtime_reconcile_panics_total")), Is.EqualTo(1));
        harness.AssertReadyAfter(TimeSpan.FromMilliseconds(5), "retried with the base backoff");
    }

    [Test]
    public async Task Run_OnePassThrowsABug_TheWorkerGoesOnWithTheNextPass()
    {
        using var harness = new WorkerHarness();
        harness.Runner.ThenThrow(new InvalidOperationException("a bug")).Then(WorkerHarness.Completed());
        harness.Queue.Add(WorkerHarness.Generator);
        await harness.RunOnePassAsync();
        harness.AssertReadyAfter(TimeSpan.FromMilliseconds(5), "retried");

        await harness.RunOnePassAsync();

        Assert.That(harness.Observer.Passes.Select(p => p.Decision), Is.EqualTo(new[] { WorkerDecision.RequeueRateLimited, WorkerDecision.Forget }));
        Assert.That(harness.Metrics.Value(ResultSeries("success")), Is.EqualTo(1));
    }
}
