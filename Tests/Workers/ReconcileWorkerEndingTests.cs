using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Queue;
using Moq;
using static KamajiKubeconfig.Tests.Observability.ControllerMetricsFixture;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// A pass cut short by shutdown or a lost lease is not a generator that went away (docs/design.md, "The worker's decision table"): only the
/// latter forgets the key and removes the generator's metric series. Against a strict queue, because "exactly these
/// calls and no retry bookkeeping" is the point.
/// </summary>
public class ReconcileWorkerEndingTests
{
    private const string GeneratorSeries = $"kubeconfig_generator_resources{{generator=\"{WorkerHarness.Generator}\"}}";

    /// <summary>A harness whose generator already has its series, as after an earlier pass.</summary>
    private static WorkerHarness ObservedHarness(IWorkQueue<string> queue)
    {
        var harness = new WorkerHarness(queue);
        harness.Metrics.Metrics.GeneratorObserved(WorkerHarness.Generator, 1, 1, null);
        return harness;
    }

    private static Mock<IWorkQueue<string>> StrictQueue()
    {
        var queue = new Mock<IWorkQueue<string>>(MockBehavior.Strict);
        var next = new Queue<QueueItem<string>>([new QueueItem<string>(WorkerHarness.Generator), QueueItem<string>.ShutDown]);
        queue.Setup(q => q.GetAsync(It.IsAny<CancellationToken>())).Returns(() => new ValueTask<QueueItem<string>>(next.Dequeue()));
        queue.Setup(q => q.Done(WorkerHarness.Generator));
        return queue;
    }

    [Test]
    public async Task Run_WorkerCancelledMidPass_IsCancelledAndKeepsTheGeneratorsSeries()
    {
        var queue = StrictQueue();
        using var harness = ObservedHarness(queue.Object);
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
        queue.Verify(q => q.GetAsync(It.IsAny<CancellationToken>()), Times.Once());
        queue.Verify(q => q.Done(WorkerHarness.Generator), Times.Once());
        queue.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Run_GeneratorGone_ForgetsItAndRemovesItsSeries()
    {
        var queue = StrictQueue();
        queue.Setup(q => q.Forget(WorkerHarness.Generator));
        using var harness = ObservedHarness(queue.Object);
        harness.Runner.Then((PassReport?)null);

        await harness.RunOnePassAsync();

        Assert.That(harness.Observer.Passes, Is.EqualTo(new[] { (WorkerDecision.GeneratorGone, false) }));
        Assert.That(harness.Metrics.Scrape(), Does.Not.ContainKey(GeneratorSeries));
        Assert.That(harness.Metrics.Value(ResultSeries("success")), Is.EqualTo(1));
        queue.Verify(q => q.Forget(WorkerHarness.Generator), Times.Once());
        queue.Verify(q => q.Done(WorkerHarness.Generator), Times.Once());
    }

    [Test]
    public async Task Run_Completed_ObservesTheGeneratorAndKeepsItsSeries()
    {
        var queue = StrictQueue();
        queue.Setup(q => q.Forget(WorkerHarness.Generator));
        using var harness = ObservedHarness(queue.Object);
        harness.Runner.Then(WorkerHarness.Completed());

        await harness.RunOnePassAsync();

        Assert.That(harness.Observer.Passes, Is.EqualTo(new[] { (WorkerDecision.Forget, false) }));
        Assert.That(harness.Metrics.Value(GeneratorSeries), Is.EqualTo(1));
    }
}
