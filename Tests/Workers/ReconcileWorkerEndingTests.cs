using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Workers;
using static KamajiKubeconfig.Tests.Observability.ControllerMetricsFixture;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// A pass cut short by shutdown or a lost lease is not a generator that went away (docs/design.md, "The worker's decision table"): only the
/// latter forgets the key and removes the generator's metric series. The generator starts with one recorded failure
/// and its series, as after an earlier pass, so the queue and the scrape show whether the worker forgot it, retried it,
/// or left it alone.
/// </summary>
public class ReconcileWorkerEndingTests
{
    private const string GeneratorSeries = $"kubeconfig_generator_resources{{generator=\"{WorkerHarness.Generator}\"}}";

    private static WorkerHarness HarnessWithOneFailure()
    {
        var harness = new WorkerHarness();
        harness.Metrics.Metrics.GeneratorObserved(WorkerHarness.Generator, 1, 1, null);
        harness.Queue.AddRateLimited(WorkerHarness.Generator);
        harness.Time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.That(harness.Queue.Count, Is.EqualTo(1));
        return harness;
    }

    [Test]
    public async Task Run_WorkerCancelledMidPass_IsCancelledAndKeepsTheGeneratorsSeries()
    {
        using var harness = HarnessWithOneFailure();
        harness.Runner.ThenHang();
        using var shutdown = new CancellationTokenSource();
        var run = harness.RunOnePassAsync(shutdown.Token);
        await harness.Runner.NextCallAsync();

        await shutdown.CancelAsync();
        await run;

        Assert.That(harness.Observer.Passes, Is.EqualTo(new[] { (WorkerDecision.Cancelled, false) }));
        Assert.That(harness.Metrics.Value(GeneratorSeries), Is.EqualTo(1), "the generator's series are kept as they were");
        Assert.That(harness.Metrics.Value(ReconcileSeries("controller_runtime_reconcile_panics_total")), Is.Zero);
        Assert.That(harness.Metrics.Value(ResultSeries("error")), Is.EqualTo(1));
        // No Forget and no requeue: whoever leads next starts from the generator's own state.
        Assert.That(harness.Queue.NumRequeues(WorkerHarness.Generator), Is.EqualTo(1), "neither forgotten nor retried");
        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.That(harness.Queue.Count, Is.Zero, "not requeued");
        AssertDone(harness);
    }

    [Test]
    public async Task Run_GeneratorGone_ForgetsItAndRemovesItsSeries()
    {
        using var harness = HarnessWithOneFailure();
        harness.Runner.Then((PassReport?)null);

        await harness.RunOnePassAsync();

        Assert.That(harness.Observer.Passes, Is.EqualTo(new[] { (WorkerDecision.GeneratorGone, false) }));
        Assert.That(harness.Metrics.Scrape(), Does.Not.ContainKey(GeneratorSeries));
        Assert.That(harness.Metrics.Value(ResultSeries("success")), Is.EqualTo(1));
        Assert.That(harness.Queue.NumRequeues(WorkerHarness.Generator), Is.Zero, "forgotten");
        AssertDone(harness);
    }

    [Test]
    public async Task Run_Completed_ObservesTheGeneratorAndKeepsItsSeries()
    {
        using var harness = HarnessWithOneFailure();
        harness.Runner.Then(WorkerHarness.Completed());

        await harness.RunOnePassAsync();

        Assert.That(harness.Observer.Passes, Is.EqualTo(new[] { (WorkerDecision.Forget, false) }));
        Assert.That(harness.Metrics.Value(GeneratorSeries), Is.EqualTo(1));
    }

    // The key was handed back: a new add is ready at once instead of parked behind a pass that never ended.
    private static void AssertDone(WorkerHarness harness)
    {
        harness.Queue.Add(WorkerHarness.Generator);
        Assert.That(harness.Queue.Count, Is.EqualTo(1), "Done was called");
    }
}
