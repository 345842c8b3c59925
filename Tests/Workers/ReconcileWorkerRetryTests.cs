namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// How long the worker waits before retrying a generator (docs/design.md, "Retries and backoff, in one place"): never shorter than
/// the backoff, whatever Retry-After the server sends, and never longer than the maximum retry delay.
/// </summary>
public class ReconcileWorkerRetryTests
{
    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(5).Ticks << (failures - 1), WorkerHarness.Options.MaxRetryDelay.Ticks));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [Test]
    public async Task Run_RetryAfterOneSecondEveryTime_WaitGrowsWithTheBackoffAndNeverDropsBelowIt()
    {
        using var harness = new WorkerHarness();
        harness.Runner.Always(WorkerHarness.Transient(retryAfter: TimeSpan.FromSeconds(1)));
        harness.Queue.Add(WorkerHarness.Generator);

        for (var pass = 1; pass <= 12; pass++)
        {
            await harness.RunOnePassAsync();
            // 5 ms doubling passes one second at the 9th failure: from then on the backoff, not the server, decides.
            harness.AssertReadyAfter(Max(Backoff(pass), TimeSpan.FromSeconds(1)), $"pass {pass}");
        }

        Assert.That(Backoff(12), Is.EqualTo(TimeSpan.FromMilliseconds(10_240)), "the last wait is ten times the server's");
    }

    [Test]
    public async Task Run_RetryAfterOfADay_WaitsOnlyTheMaximumRetryDelay()
    {
        using var harness = new WorkerHarness();
        harness.Runner.Always(WorkerHarness.Transient(retryAfter: TimeSpan.FromDays(1)));
        harness.Queue.Add(WorkerHarness.Generator);

        await harness.RunOnePassAsync();

        harness.AssertReadyAfter(TimeSpan.FromSeconds(60), "a hostile Retry-After");
    }

    [Test]
    public async Task Run_RepeatedTransientFailures_BackoffDoublesUpToTheMaximumRetryDelay()
    {
        using var harness = new WorkerHarness();
        harness.Runner.Always(WorkerHarness.Transient());
        harness.Queue.Add(WorkerHarness.Generator);

        for (var pass = 1; pass <= 17; pass++)
        {
            await harness.RunOnePassAsync();
            harness.AssertReadyAfter(Backoff(pass), $"pass {pass}");
        }

        Assert.That(Backoff(17), Is.EqualTo(TimeSpan.FromSeconds(60)), "client-go's cap would be 1000 s");
    }

    [Test]
    public async Task Run_SuccessAfterFailures_ResetsTheBackoff()
    {
        using var harness = new WorkerHarness();
        harness.Runner.Then(WorkerHarness.Transient()).Then(WorkerHarness.Transient()).Then(WorkerHarness.Completed())
            .Always(WorkerHarness.Transient());
        harness.Queue.Add(WorkerHarness.Generator);
        await harness.RunOnePassAsync();
        harness.AssertReadyAfter(Backoff(1), "first failure");
        await harness.RunOnePassAsync();
        harness.AssertReadyAfter(Backoff(2), "second failure");
        await harness.RunOnePassAsync();
        harness.Queue.Add(WorkerHarness.Generator);

        await harness.RunOnePassAsync();

        harness.AssertReadyAfter(Backoff(1), "a failure after a success starts again at the base delay");
    }
}
