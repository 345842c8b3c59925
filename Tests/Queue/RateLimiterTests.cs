using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>
/// Ports of client-go <c>util/workqueue/default_rate_limiters_test.go</c> for the per-item backoff, case for case,
/// plus the token bucket's <c>Reserve().Delay()</c> behaviour (golang.org/x/time/rate, tested upstream only) on a
/// fake clock.
/// </summary>
// A fresh fake clock per test: NUnit otherwise shares one fixture instance between tests.
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class RateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    // Ports TestItemExponentialFailureRateLimiter.
    [Test]
    public void When_RepeatedFailures_DoublesPerItemAndForgetResets()
    {
        var limiter = new RetryRateLimiter<string>(_time, TimeSpan.FromSeconds(1), Ms(1));

        Assert.That(limiter.When("one"), Is.EqualTo(Ms(1)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(2)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(4)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(8)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(16)));
        Assert.That(limiter.NumRequeues("one"), Is.EqualTo(5));

        Assert.That(limiter.When("two"), Is.EqualTo(Ms(1)));
        Assert.That(limiter.When("two"), Is.EqualTo(Ms(2)));
        Assert.That(limiter.NumRequeues("two"), Is.EqualTo(2));

        limiter.Forget("one");
        Assert.That(limiter.NumRequeues("one"), Is.Zero);
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(1)));
    }

    // Ports TestItemExponentialFailureRateLimiterOverFlow. Time passes between calls so the bucket never decides.
    [Test]
    public void When_HugeFailureCount_CapsAtMaxDelayWithoutOverflow()
    {
        var limiter = new RetryRateLimiter<string>(_time, TimeSpan.FromSeconds(1000), Ms(1));
        Call(limiter, "one", 5);
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(32)));

        Call(limiter, "overflow1", 1000);
        Assert.That(limiter.When("overflow1"), Is.EqualTo(TimeSpan.FromSeconds(1000)));

        limiter = new RetryRateLimiter<string>(_time, TimeSpan.FromHours(1000), TimeSpan.FromMinutes(1));
        Call(limiter, "two", 2);
        Assert.That(limiter.When("two"), Is.EqualTo(TimeSpan.FromMinutes(4)));

        Call(limiter, "overflow2", 1000);
        Assert.That(limiter.When("overflow2"), Is.EqualTo(TimeSpan.FromHours(1000)));
    }

    // Not in default_rate_limiters_test.go: with the defaults the cap is reached after about 18 failures
    // (docs/kubernetes-notes.md A14) and stays there; 5 ms · 2^40 would be decades.
    [Test]
    public void When_DefaultsAfterFortyFailures_StaysAtMaxDelay()
    {
        var limiter = new RetryRateLimiter<string>(_time);
        Call(limiter, "one", 40);

        Assert.That(limiter.When("one"), Is.EqualTo(TimeSpan.FromSeconds(1000)));
        Assert.That(limiter.NumRequeues("one"), Is.EqualTo(41));
    }

    // Not in default_rate_limiters_test.go: the default per-item backoff is 5 ms · 2^n (docs/kubernetes-notes.md A14).
    [Test]
    public void Default_FirstFailuresOfOneItem_FiveTenTwentyMilliseconds()
    {
        var limiter = new RetryRateLimiter<string>(TimeProvider.System);

        Assert.That(limiter.When("one"), Is.EqualTo(Ms(5)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(10)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(20)));
        Assert.That(limiter.NumRequeues("one"), Is.EqualTo(3));
        limiter.Forget("one");
        Assert.That(limiter.NumRequeues("one"), Is.Zero);
    }

    // Ports TestMaxOfRateLimiter for the pair the controller builds: the worse of the item's backoff and the bucket.
    [Test]
    public void When_BucketEmpty_TheWorseOfBackoffAndBucketWins()
    {
        var limiter = new RetryRateLimiter<string>(_time);
        Call(limiter, "slow", 6, advance: TimeSpan.Zero);
        var distinct = Enumerable.Range(0, 94).Select(i => limiter.When($"item-{i}")).Distinct();
        Assert.That(distinct, Is.EqualTo(new[] { Ms(5) }), "within the burst of 100 the backoff decides");

        Assert.That(limiter.When("fresh"), Is.EqualTo(Ms(100)), "the 101st retry waits for the bucket");
        Assert.That(limiter.When("slow"), Is.EqualTo(Ms(320)), "an item backed off further waits its own backoff");
        Assert.That(limiter.When("other"), Is.EqualTo(Ms(300)), "and still spent a token, as client-go's does");
    }

    [Test]
    public void Reserve_WithinBurst_NoDelay()
    {
        var bucket = new TokenBucket(_time);

        var delays = Enumerable.Range(0, 100).Select(_ => bucket.Reserve()).Distinct();

        Assert.That(delays, Is.EqualTo(new[] { TimeSpan.Zero }));
    }

    [Test]
    public void Reserve_BurstUsedUp_EachReservationWaitsOneMoreRefillInterval()
    {
        var bucket = NewEmptyBucket();

        Assert.That(bucket.Reserve(), Is.EqualTo(Ms(100)));
        Assert.That(bucket.Reserve(), Is.EqualTo(Ms(200)));
        Assert.That(bucket.Reserve(), Is.EqualTo(Ms(300)));
    }

    [Test]
    public void Reserve_TimePasses_RefillsAtTheRate()
    {
        var bucket = NewEmptyBucket();

        _time.Advance(TimeSpan.FromSeconds(1));

        for (var i = 0; i < 10; i++)
        {
            Assert.That(bucket.Reserve(), Is.EqualTo(TimeSpan.Zero), $"token {i} of 10 refilled in one second");
        }

        Assert.That(bucket.Reserve(), Is.EqualTo(Ms(100)));
    }

    [Test]
    public void Reserve_IdleForLong_RefillsOnlyUpToBurst()
    {
        var bucket = NewEmptyBucket();

        _time.Advance(TimeSpan.FromHours(1));

        for (var i = 0; i < 100; i++)
        {
            Assert.That(bucket.Reserve(), Is.EqualTo(TimeSpan.Zero));
        }

        Assert.That(bucket.Reserve(), Is.EqualTo(Ms(100)));
    }

    [Test]
    public void Reserve_ReservationsOutstanding_TimeRepaysThemFirst()
    {
        var bucket = NewEmptyBucket();
        bucket.Reserve();
        bucket.Reserve();

        // 200 ms pays back the two reservations; the next one still waits a full interval.
        _time.Advance(Ms(200));

        Assert.That(bucket.Reserve(), Is.EqualTo(Ms(100)));
    }

    private TokenBucket NewEmptyBucket()
    {
        var bucket = new TokenBucket(_time);
        for (var i = 0; i < 100; i++)
        {
            bucket.Reserve();
        }

        return bucket;
    }

    private void Call(RetryRateLimiter<string> limiter, string item, int times, TimeSpan? advance = null)
    {
        for (var i = 0; i < times; i++)
        {
            limiter.When(item);
            _time.Advance(advance ?? TimeSpan.FromHours(1));
        }
    }
}
