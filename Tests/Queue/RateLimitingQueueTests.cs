using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>Ports of client-go <c>util/workqueue/rate_limiting_queue_test.go</c>.</summary>
// A fresh fake clock per test: NUnit otherwise shares one fixture instance between tests.
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class RateLimitingQueueTests
{
    private readonly FakeTimeProvider _time = new();

    // Ports TestRateLimitingQueue. The Go test reads each entry's ready time off the delaying queue's
    // internal channel; here each add is observed becoming ready exactly after its delay, and is processed
    // before the next add so that the earlier-wins rule does not merge two adds.
    [Test]
    public void AddRateLimited_RepeatedFailures_DelayDoublesPerItemAndForgetResets()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddRateLimited("one");
        AssertReadyAfter(queue, "one", TimeSpan.FromMilliseconds(1));
        queue.AddRateLimited("one");
        AssertReadyAfter(queue, "one", TimeSpan.FromMilliseconds(2));
        Assert.That(queue.NumRequeues("one"), Is.EqualTo(2));

        queue.AddRateLimited("two");
        AssertReadyAfter(queue, "two", TimeSpan.FromMilliseconds(1));
        queue.AddRateLimited("two");
        AssertReadyAfter(queue, "two", TimeSpan.FromMilliseconds(2));

        queue.Forget("one");
        Assert.That(queue.NumRequeues("one"), Is.Zero);
        queue.AddRateLimited("one");
        AssertReadyAfter(queue, "one", TimeSpan.FromMilliseconds(1));
    }

    // Not in rate_limiting_queue_test.go: with the default limiter, the 101st distinct retry in one instant
    // waits for the overall bucket (100 ms at 10 per second), not for its own 5 ms backoff.
    [Test]
    public void AddRateLimited_DefaultLimiterBurstExhausted_WaitsForTheBucket()
    {
        using var queue = new WorkQueue<string>(new RetryRateLimiter<string>(_time), _time);
        for (var i = 0; i < 100; i++)
        {
            queue.AddRateLimited($"item-{i}");
        }

        queue.AddRateLimited("late");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.That(queue.Count, Is.EqualTo(100));
        for (var i = 0; i < 100; i++)
        {
            queue.ProcessReady();
        }

        AssertReadyAfter(queue, "late", TimeSpan.FromMilliseconds(95));
    }

    private void AssertReadyAfter(WorkQueue<string> queue, string item, TimeSpan delay)
    {
        _time.Advance(delay - TimeSpan.FromTicks(1));
        Assert.That(queue.Count, Is.Zero, $"{item} should not be ready before {delay}");
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.That(queue.Count, Is.EqualTo(1), $"{item} should be ready after {delay}");
        Assert.That(queue.ProcessReady(), Is.EqualTo(item));
    }
}
