using KamajiKubeconfig.Queue;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>Ports of client-go <c>util/workqueue/default_rate_limiters_test.go</c>, case for case.</summary>
public class RateLimiterTests
{
    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    // Ports TestItemExponentialFailureRateLimiter.
    [Test]
    public void When_RepeatedFailures_DoublesPerItemAndForgetResets()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(Ms(1), TimeSpan.FromSeconds(1));

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

    // Ports TestItemExponentialFailureRateLimiterOverFlow.
    [Test]
    public void When_HugeFailureCount_CapsAtMaxDelayWithoutOverflow()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(Ms(1), TimeSpan.FromSeconds(1000));
        Call(limiter, "one", 5);
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(32)));

        Call(limiter, "overflow1", 1000);
        Assert.That(limiter.When("overflow1"), Is.EqualTo(TimeSpan.FromSeconds(1000)));

        limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1000));
        Call(limiter, "two", 2);
        Assert.That(limiter.When("two"), Is.EqualTo(TimeSpan.FromMinutes(4)));

        Call(limiter, "overflow2", 1000);
        Assert.That(limiter.When("overflow2"), Is.EqualTo(TimeSpan.FromHours(1000)));
    }

    // Ports TestMaxOfRateLimiter (with an exponential limiter in place of the fast-slow one we do not ship).
    [Test]
    public void When_MaxOfTwoExponentials_ReturnsTheWorstDelayAndForgetResetsBoth()
    {
        var limiter = new MaxOfRateLimiter<string>(
            new ItemExponentialFailureRateLimiter<string>(Ms(5), TimeSpan.FromSeconds(3)),
            new ItemExponentialFailureRateLimiter<string>(Ms(1), TimeSpan.FromSeconds(1)));

        Assert.That(limiter.When("one"), Is.EqualTo(Ms(5)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(10)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(20)));
        Assert.That(limiter.NumRequeues("one"), Is.EqualTo(3));

        Assert.That(limiter.When("two"), Is.EqualTo(Ms(5)));
        Assert.That(limiter.NumRequeues("two"), Is.EqualTo(1));

        limiter.Forget("one");
        Assert.That(limiter.NumRequeues("one"), Is.Zero);
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(5)));
    }

    // Not in default_rate_limiters_test.go: with the defaults the cap is reached after about 18 failures
    // (docs/kubernetes-notes.md A14) and stays there; 5 ms · 2^40 would be decades.
    [Test]
    public void When_DefaultsAfterFortyFailures_StaysAtMaxDelay()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(RateLimiters.DefaultBaseDelay, RateLimiters.DefaultMaxDelay);
        Call(limiter, "one", 40);

        Assert.That(limiter.When("one"), Is.EqualTo(RateLimiters.DefaultMaxDelay));
        Assert.That(limiter.NumRequeues("one"), Is.EqualTo(41));
    }

    // Not in default_rate_limiters_test.go: the default per-item backoff is 5 ms · 2^n (docs/kubernetes-notes.md A14).
    [Test]
    public void Default_FirstFailuresOfOneItem_FiveTenTwentyMilliseconds()
    {
        var limiter = RateLimiters.Default<string>(TimeProvider.System);

        Assert.That(limiter.When("one"), Is.EqualTo(Ms(5)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(10)));
        Assert.That(limiter.When("one"), Is.EqualTo(Ms(20)));
        Assert.That(limiter.NumRequeues("one"), Is.EqualTo(3));
        limiter.Forget("one");
        Assert.That(limiter.NumRequeues("one"), Is.Zero);
    }

    private static void Call(ItemExponentialFailureRateLimiter<string> limiter, string item, int times)
    {
        for (var i = 0; i < times; i++)
        {
            limiter.When(item);
        }
    }
}
