using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>
/// Ports of client-go <c>util/workqueue/delaying_queue_test.go</c>, case for case, through
/// <see cref="WorkQueue{T}.AddAfter"/>. <see cref="FakeTimeProvider.Advance"/> runs due timers inline, so the
/// Go tests' polling (waitForAdded, waitForWaitingQueueToFill) becomes a plain assertion after the step.
/// </summary>
// A fresh fake clock per test: NUnit otherwise shares one fixture instance between tests.
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class DelayedAddsTests
{
    private readonly FakeTimeProvider _time = new();

    // Ports TestSimpleQueue.
    [Test]
    public void AddAfter_DelayPassed_AddedOnceAndNotAgainAfterHeartbeat()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddAfter("foo", TimeSpan.FromMilliseconds(50));
        Assert.That(queue.Count, Is.Zero, "should not have added");

        _time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.That(queue.Count, Is.EqualTo(1), "should have added");
        queue.ProcessReady();

        // Step past the next heartbeat.
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.That(queue.Count, Is.Zero, "should not have added");
    }

    // Ports TestDeduping: a second AddAfter of a waiting item keeps the earlier ready time.
    [Test]
    public void AddAfter_SameItemTwice_EarlierReadyTimeWins()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddAfter("foo", TimeSpan.FromMilliseconds(50));
        queue.AddAfter("foo", TimeSpan.FromMilliseconds(70));
        Assert.That(queue.Count, Is.Zero, "should not have added");

        // Step past the first block, we should receive now.
        _time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.That(queue.Count, Is.EqualTo(1), "should have added");
        queue.ProcessReady();

        // Step past the second add: it was collapsed into the first.
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.That(queue.Count, Is.Zero, "should not have added");

        // Again, but this time the later call is the earlier time and should override.
        queue.AddAfter("foo", TimeSpan.FromMilliseconds(50));
        queue.AddAfter("foo", TimeSpan.FromMilliseconds(30));
        Assert.That(queue.Count, Is.Zero, "should not have added");

        _time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.That(queue.Count, Is.EqualTo(1), "should have added");
        queue.ProcessReady();

        // Step past the second add.
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.That(queue.Count, Is.Zero, "should not have added");
    }

    // Ports TestAddTwoFireEarly.
    [Test]
    public void AddAfter_TwoItems_EachAddedAtItsOwnReadyTime()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddAfter("foo", TimeSpan.FromSeconds(1));
        queue.AddAfter("bar", TimeSpan.FromMilliseconds(50));
        Assert.That(queue.Count, Is.Zero, "should not have added");

        _time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.That(queue.Count, Is.EqualTo(1));
        Assert.That(queue.GetReady(), Is.EqualTo("bar"));

        queue.AddAfter("baz", TimeSpan.FromSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(queue.Count, Is.EqualTo(1));
        Assert.That(queue.GetReady(), Is.EqualTo("foo"));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(queue.Count, Is.EqualTo(1));
        Assert.That(queue.GetReady(), Is.EqualTo("baz"));
    }

    // Ports TestCopyShifting: items that become ready in the same step are added in ready-time order.
    [Test]
    public void AddAfter_ThreeItemsReadyInOneStep_AddedInReadyTimeOrder()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddAfter("foo", TimeSpan.FromSeconds(1));
        queue.AddAfter("bar", TimeSpan.FromMilliseconds(500));
        queue.AddAfter("baz", TimeSpan.FromMilliseconds(250));
        Assert.That(queue.Count, Is.Zero, "should not have added");

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.That(queue.Count, Is.EqualTo(3));
        Assert.That(queue.GetReady(), Is.EqualTo("baz"));
        Assert.That(queue.GetReady(), Is.EqualTo("bar"));
        Assert.That(queue.GetReady(), Is.EqualTo("foo"));
    }

    // Not in delaying_queue_test.go; delaying_queue.go adds at once when the delay is not positive.
    [TestCase(0)]
    [TestCase(-5)]
    public void AddAfter_NonPositiveDelay_AddedAtOnce(int delayMs)
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddAfter("foo", TimeSpan.FromMilliseconds(delayMs));

        Assert.That(queue.Count, Is.EqualTo(1));
    }

    // Not in delaying_queue_test.go: the timer is armed at most 10 s ahead (the heartbeat), yet a long delay
    // still fires exactly on time, not a heartbeat late. Time advances in heartbeat steps, as a real clock
    // would let the timer fire at 10 s and 20 s.
    [Test]
    public void AddAfter_DelayLongerThanHeartbeat_AddedExactlyOnTime()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddAfter("foo", TimeSpan.FromSeconds(25));

        _time.Advance(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.That(queue.Count, Is.Zero);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.That(queue.Count, Is.EqualTo(1));
    }

    // Not in delaying_queue_test.go: a huge delay saturates instead of overflowing the clock arithmetic.
    [Test]
    public void AddAfter_MaxValueDelay_WaitsWithoutOverflow()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.AddAfter("foo", TimeSpan.MaxValue);
        _time.Advance(TimeSpan.FromDays(365));

        Assert.That(queue.Count, Is.Zero);
    }

    // Not in delaying_queue_test.go; delaying_queue.go's ShutDown stops the waiting loop.
    [Test]
    public void ShutDown_ItemsWaiting_NeverAdded()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.AddAfter("foo", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        queue.AddAfter("bar", TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.That(queue.Count, Is.Zero);
        queue.AssertShutDownSignal();
    }

    // Not in delaying_queue_test.go: a delayed add of an item being processed is parked like any add.
    [Test]
    public void AddAfter_ItemBeingProcessedWhenReady_ParkedUntilDone()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        var item = queue.GetReady();

        queue.AddAfter(item, TimeSpan.FromMilliseconds(10));
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.That(queue.Count, Is.Zero, "parked while processing");
        queue.Done(item);

        Assert.That(queue.ProcessReady(), Is.EqualTo("foo"));
    }
}
