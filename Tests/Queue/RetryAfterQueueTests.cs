using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>
/// The retry path with a server-named wait (<see cref="WorkQueue{T}.AddRateLimited(T, TimeSpan)"/>) and the
/// default limiter with a lower per-item cap (docs/design.md, "Retries and backoff, in one place").
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class RetryAfterQueueTests
{
    private readonly FakeTimeProvider _time = new();

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Test]
    public void AddRateLimitedAtLeast_ShorterThanTheBackoff_WaitsTheBackoffAndCountsTheRetry()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        for (var i = 0; i < 4; i++)
        {
            queue.AddRateLimited("one");
            AssertReadyAfter(queue, Ms(1 << i));
        }

        queue.AddRateLimited("one", Ms(3));

        AssertReadyAfter(queue, Ms(16));
        Assert.That(queue.NumRequeues("one"), Is.EqualTo(5), "the server's wait does not reset the backoff");
    }

    [Test]
    public void AddRateLimitedAtLeast_LongerThanTheBackoff_WaitsTheServersTime()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddRateLimited("one", TimeSpan.FromSeconds(3));

        AssertReadyAfter(queue, TimeSpan.FromSeconds(3));
        Assert.That(queue.NumRequeues("one"), Is.EqualTo(1));
    }

    [Test]
    public void AddRateLimitedAtLeast_BucketExhausted_WaitsForTheBucketToo()
    {
        using var queue = new WorkQueue<string>(new RetryRateLimiter<string>(_time), _time);
        for (var i = 0; i < 100; i++)
        {
            queue.AddRateLimited($"item-{i}");
        }
        _time.Advance(Ms(5));
        for (var i = 0; i < 100; i++)
        {
            queue.ProcessReady();
        }

        // The 101st retry in one instant: the bucket's 100 ms beats both the item's 5 ms and the server's 50 ms.
        queue.AddRateLimited("late", Ms(50));

        AssertReadyAfter(queue, Ms(95));
    }

    [Test]
    public void Default_WithMaxDelay_CapsThePerItemBackoff()
    {
        var limiter = new RetryRateLimiter<string>(_time, TimeSpan.FromSeconds(60));
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            delays.Add(limiter.When("one"));
            // Far apart, so the overall bucket never decides.
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(delays[13], Is.EqualTo(TimeSpan.FromMilliseconds(5 << 13)), "doubling from 5 ms");
        Assert.That(delays.Skip(14), Is.All.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(new RetryRateLimiter<string>(_time).When("one"), Is.EqualTo(Ms(5)), "the same base delay as client-go's");
    }

    private void AssertReadyAfter(WorkQueue<string> queue, TimeSpan delay)
    {
        _time.Advance(delay - TimeSpan.FromTicks(1));
        Assert.That(queue.Count, Is.Zero, $"ready before {delay}");
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.That(queue.Count, Is.EqualTo(1), $"not ready after {delay}");
        queue.ProcessReady();
    }
}
