using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>
/// client-go has no test of its own for <c>TypedBucketRateLimiter</c> (golang.org/x/time/rate is tested
/// upstream), so these pin the <c>Reserve().Delay()</c> behaviour we reimplemented, on a fake clock.
/// </summary>
// A fresh fake clock per test: NUnit otherwise shares one fixture instance between tests.
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class TokenBucketRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Test]
    public void When_WithinBurst_NoDelay()
    {
        var limiter = new TokenBucketRateLimiter<string>(10, 100, _time);

        var delays = Enumerable.Range(0, 100).Select(i => limiter.When($"item-{i}")).Distinct();

        Assert.That(delays, Is.EqualTo(new[] { TimeSpan.Zero }));
    }

    [Test]
    public void When_BurstUsedUp_EachReservationWaitsOneMoreRefillInterval()
    {
        var limiter = NewEmptyBucket();

        Assert.That(limiter.When("a"), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(limiter.When("b"), Is.EqualTo(TimeSpan.FromMilliseconds(200)));
        Assert.That(limiter.When("c"), Is.EqualTo(TimeSpan.FromMilliseconds(300)));
    }

    [Test]
    public void When_TimePasses_RefillsAtTheRate()
    {
        var limiter = NewEmptyBucket();

        _time.Advance(TimeSpan.FromSeconds(1));

        for (var i = 0; i < 10; i++)
        {
            Assert.That(limiter.When("a"), Is.EqualTo(TimeSpan.Zero), $"token {i} of 10 refilled in one second");
        }

        Assert.That(limiter.When("a"), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public void When_IdleForLong_RefillsOnlyUpToBurst()
    {
        var limiter = NewEmptyBucket();

        _time.Advance(TimeSpan.FromHours(1));

        for (var i = 0; i < 100; i++)
        {
            Assert.That(limiter.When("a"), Is.EqualTo(TimeSpan.Zero));
        }

        Assert.That(limiter.When("a"), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public void When_ReservationsOutstanding_TimeRepaysThemFirst()
    {
        var limiter = NewEmptyBucket();
        limiter.When("a");
        limiter.When("b");

        // 200 ms pays back the two reservations; the next one still waits a full interval.
        _time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.That(limiter.When("c"), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public void ForgetAndNumRequeues_BucketTracksNoItems_NoOpAndZero()
    {
        var limiter = new TokenBucketRateLimiter<string>(10, 100, _time);
        limiter.When("a");

        limiter.Forget("a");

        Assert.That(limiter.NumRequeues("a"), Is.Zero);
    }

    private TokenBucketRateLimiter<string> NewEmptyBucket()
    {
        var limiter = new TokenBucketRateLimiter<string>(10, 100, _time);
        for (var i = 0; i < 100; i++)
        {
            limiter.When("drain");
        }

        return limiter;
    }
}
