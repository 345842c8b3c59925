using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Fakes;
using KamajiKubeconfig.Tests.Observability;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// One <see cref="ReconcileWorker"/> wired as production wires it (a real queue with the default rate limiter capped
/// at <see cref="ControllerOptions.MaxRetryDelay"/>, the real metrics) on a fake clock, with a scripted pass runner
/// and a fake logger. The worker runs one pass at a time and then stops, so the
/// queue is examined while no worker races for its items.
/// </summary>
internal sealed class WorkerHarness : IDisposable
{
    public const string Generator = "g";

    public static readonly ControllerOptions Options = new();

    public WorkerHarness()
    {
        Queue = new WorkQueue<string>(new RetryRateLimiter<string>(Time, Options.MaxRetryDelay), Time);
        Observer = new RecordingWorkerObserver(Metrics.Metrics);
        Worker = new ReconcileWorker(Queue, Runner, Time, Options, Observer, Logger);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public WorkQueue<string> Queue { get; }

    public ScriptedPassRunner Runner { get; } = new();

    /// <summary>The production metrics on a registry of their own: what the passes recorded is read back from it.</summary>
    public ControllerMetricsFixture Metrics { get; } = new();

    public RecordingWorkerObserver Observer { get; }

    public FakeLogger<ReconcileWorker> Logger { get; } = new();

    public ReconcileWorker Worker { get; }

    /// <summary>A pass that ended in a transient failure, with the server's Retry-After when given.</summary>
    public static PassReport Transient(TimeSpan? retryAfter = null) => Completed() with { Transient = true, RetryAfter = retryAfter };

    public static PassReport Completed(DateTimeOffset? requeueAt = null) => PassReport.Nothing(new ReconcilePlan(
        Generator, PlanMode.Active, false, false, EquatableList<TargetPlan>.Empty, EquatableList<ObjectRef>.Empty, null, requeueAt));

    /// <summary>Starts the worker; it stops by itself once one pass has finished (or the test cancels it).</summary>
    public Task RunOnePassAsync(CancellationToken cancellationToken = default)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Observer.AfterPass = stop.Cancel;
        return Task.Run(async () =>
        {
            try
            {
                await Worker.RunAsync(stop.Token).WaitAsync(Deadline.Default);
            }
            finally
            {
                Observer.AfterPass = null;
                stop.Dispose();
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// Asserts that the generator becomes ready exactly <paramref name="delay"/> after its pass was requeued: not one
    /// tick earlier. The worker is stopped meanwhile, so the ready item waits in the queue for the test to see.
    /// </summary>
    public void AssertReadyAfter(TimeSpan delay, string what)
    {
        AdvanceBy(delay - TimeSpan.FromTicks(1));
        Assert.That(Queue.Count, Is.Zero, $"{what}: ready before {delay}");
        Time.Advance(TimeSpan.FromTicks(1));
        Assert.That(Queue.Count, Is.EqualTo(1), $"{what}: not ready after {delay}");
    }

    /// <summary>
    /// Advances in steps of a second: the queue's timer wakes up at least every 10 s and re-arms from the time it
    /// sees, so one big jump would let it fire late (as a real timer may) and blur the exact ready time.
    /// </summary>
    private void AdvanceBy(TimeSpan total)
    {
        var step = TimeSpan.FromSeconds(1);
        for (; total > step; total -= step)
        {
            Time.Advance(step);
        }
        Time.Advance(total);
    }

    public void Dispose() => Queue.Dispose();
}
