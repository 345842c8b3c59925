using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>
/// Ports of client-go <c>util/workqueue/metrics_test.go</c>: the calls the queue makes on its metrics port,
/// with durations measured on a fake clock. client-go samples unfinished work every 1 ms in its test; ours
/// samples at the production period (500 ms), so the clock is stepped to that tick instead.
/// </summary>
// A fresh fake clock and recorder per test: NUnit otherwise shares one fixture instance between tests.
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class QueueMetricsTests
{
    private static readonly TimeSpan Period = WorkQueue<string>.UnfinishedWorkUpdatePeriod;

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingQueueMetrics _metrics = new();

    // Ports TestMetricShutdown.
    [Test]
    public void ShutDown_UnfinishedWorkSampling_StopsSampling()
    {
        using var queue = NewQueue();
        _time.Advance(Period);
        Assert.That(_metrics.UnfinishedWork, Has.Count.EqualTo(1));

        queue.ShutDown();
        _time.Advance(TimeSpan.FromHours(1));

        Assert.That(_metrics.UnfinishedWork, Has.Count.EqualTo(1), "unexpected update after shutdown was called");
    }

    // Ports TestMetrics.
    [Test]
    public void AddGetDone_WithReAddWhileProcessing_RecordsEveryInstrument()
    {
        using var queue = NewQueue();

        queue.Add("foo");
        Assert.That(_metrics.Adds, Is.EqualTo(1));
        Assert.That(_metrics.Depth, Is.EqualTo(1));

        _time.Advance(TimeSpan.FromMicroseconds(50));
        var item = queue.GetReady();
        Assert.That(_metrics.QueueDurations, Is.EqualTo(new[] { TimeSpan.FromMicroseconds(50) }));

        // Add it back while processing; multiple adds of the same item are de-duped.
        for (var i = 0; i < 5; i++)
        {
            queue.Add(item);
        }

        Assert.That(_metrics.Adds, Is.EqualTo(2));
        Assert.That(_metrics.Depth, Is.EqualTo(1), "one thing remains in the queue");

        _time.Advance(TimeSpan.FromMicroseconds(25));
        queue.Done(item);
        Assert.That(_metrics.WorkDurations, Is.EqualTo(new[] { TimeSpan.FromMicroseconds(25) }));
        Assert.That(_metrics.Depth, Is.EqualTo(1), "one thing remains in the queue");

        // It should be back on the queue; its latency counts from the re-add, 25 µs ago.
        item = queue.GetReady();
        Assert.That(_metrics.QueueDurations, Has.Count.EqualTo(2));
        Assert.That(_metrics.QueueDurations[1], Is.EqualTo(TimeSpan.FromMicroseconds(25)));
        Assert.That(_metrics.Depth, Is.Zero);

        // Step to the next sample: the item has been running since 75 µs.
        var running = Period - TimeSpan.FromMicroseconds(75);
        _time.Advance(running);
        Assert.That(_metrics.UnfinishedWork, Is.EqualTo(new[] { (running, running) }));

        queue.Done(item);
        Assert.That(_metrics.WorkDurations, Has.Count.EqualTo(2));
        Assert.That(_metrics.WorkDurations[1], Is.EqualTo(running));
    }

    // Not in metrics_test.go: unfinished work sums the ages of all items in flight; the longest is the oldest.
    [Test]
    public void SampleUnfinishedWork_TwoItemsInFlight_SumsAgesAndReportsOldest()
    {
        using var queue = NewQueue();
        queue.Add("old");
        queue.Add("young");
        queue.GetReady();
        _time.Advance(TimeSpan.FromMilliseconds(100));
        queue.GetReady();

        _time.Advance(Period - TimeSpan.FromMilliseconds(100));

        Assert.That(_metrics.UnfinishedWork, Is.EqualTo(new[]
        {
            (TimeSpan.FromMilliseconds(500 + 400), TimeSpan.FromMilliseconds(500)),
        }));
    }

    // Not in metrics_test.go; delaying_queue.go counts a retry on every AddAfter, a zero delay included,
    // but not after shut-down. AddRateLimited is an AddAfter.
    [Test]
    public void AddAfterAndAddRateLimited_AnyDelay_EachCountsOneRetry()
    {
        using var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.Zero);
        queue.AddAfter("b", TimeSpan.FromSeconds(1));
        queue.AddRateLimited("c");
        queue.Add("d");
        queue.ShutDown();
        queue.AddAfter("e", TimeSpan.FromSeconds(1));

        Assert.That(_metrics.Retries, Is.EqualTo(3));
    }

    // Not in metrics_test.go: adds after shut-down change no metric.
    [Test]
    public void Add_AfterShutDown_RecordsNothing()
    {
        using var queue = NewQueue();
        queue.ShutDown();

        queue.Add("foo");

        Assert.That(_metrics.Adds, Is.Zero);
        Assert.That(_metrics.Depth, Is.Zero);
    }

    private WorkQueue<string> NewQueue() =>
        new(new RetryRateLimiter<string>(_time, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1)), _time, _metrics);
}
