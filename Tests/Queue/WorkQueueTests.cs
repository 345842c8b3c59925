using System.Runtime.CompilerServices;
using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>
/// Ports of client-go <c>util/workqueue/queue_test.go</c>, case for case. The Go tests' sleeps become
/// <see cref="Thread.Yield"/> or a check that a task has not completed: nothing here waits on real time.
/// </summary>
// A fresh fake clock per test: NUnit otherwise shares one fixture instance between tests.
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    // Ports TestBasic: 50 producers, 10 consumers, then shut-down; an add after shut-down is never handed out.
    [TestCase(false)]
    [TestCase(true)]
    public async Task GetAsync_ManyProducersAndConsumers_ProcessesAllAndIgnoresAddsAfterShutDown(bool drain)
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        const string AddedAfterShutDown = "added after shutdown!";
        var lateAdds = 0;
        var producers = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
        {
            for (var j = 0; j < 50; j++)
            {
                queue.Add($"producer-{i}");
                Thread.Yield();
            }
        })).ToArray();
        var consumers = Enumerable.Range(0, 10)
            .Select(_ => QueueTestHelpers.RunWorker(queue, item =>
            {
                if (item == AddedAfterShutDown)
                {
                    Interlocked.Increment(ref lateAdds);
                }

                Thread.Yield();
            }))
            .ToArray();

        await Task.WhenAll(producers).WaitAsync(QueueTestHelpers.Timeout);
        await QueueTestHelpers.ShutDownAsync(queue, drain).WaitAsync(QueueTestHelpers.Timeout);
        queue.Add(AddedAfterShutDown);
        await Task.WhenAll(consumers).WaitAsync(QueueTestHelpers.Timeout);

        Assert.That(lateAdds, Is.Zero, "got an item added after shutdown");
        Assert.That(queue.Count, Is.Zero);
    }

    // Ports TestAddWhileProcessing: every consumer re-adds each item it sees up to once more while processing it.
    [TestCase(false)]
    [TestCase(true)]
    public async Task Add_ManyConsumersReAddWhileProcessing_QueueEndsEmpty(bool drain)
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        var producers = Enumerable.Range(0, 50).Select(i => Task.Run(() => queue.Add($"item-{i}"))).ToArray();
        var consumers = Enumerable.Range(0, 10).Select(_ =>
        {
            var counters = new Dictionary<string, int>();
            return QueueTestHelpers.RunWorker(queue, item =>
            {
                counters[item] = counters.GetValueOrDefault(item) + 1;
                if (counters[item] < 2)
                {
                    queue.Add(item);
                }
            });
        }).ToArray();

        await Task.WhenAll(producers).WaitAsync(QueueTestHelpers.Timeout);
        await QueueTestHelpers.ShutDownAsync(queue, drain).WaitAsync(QueueTestHelpers.Timeout);
        await Task.WhenAll(consumers).WaitAsync(QueueTestHelpers.Timeout);

        Assert.That(queue.Count, Is.Zero);
    }

    // Ports TestLen.
    [Test]
    public void Count_DuplicateAdd_DoesNotGrow()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.Add("foo");
        Assert.That(queue.Count, Is.EqualTo(1));
        queue.Add("bar");
        Assert.That(queue.Count, Is.EqualTo(2));
        queue.Add("foo");
        Assert.That(queue.Count, Is.EqualTo(2), "a second add of a queued item should not grow the queue");
    }

    // Ports TestReinsert.
    [Test]
    public void Add_WhileProcessing_HandedOutAgainAfterDone()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");

        var item = queue.GetReady();
        queue.Add(item);
        Assert.That(queue.Count, Is.Zero, "a re-add while processing is parked, not queued");
        queue.Done(item);

        Assert.That(queue.GetReady(), Is.EqualTo("foo"));
        queue.Done("foo");
        Assert.That(queue.Count, Is.Zero);
    }

    // Ports TestCollapse. client-go also asserts that its pluggable storage was Touched; ours has no such
    // hook (the storage is always the channel), so only the observable behaviour is ported.
    [Test]
    public void Add_TwiceBeforeProcessing_HandedOutOnce()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);

        queue.Add("bar");
        queue.Add("bar");

        Assert.That(queue.ProcessReady(), Is.EqualTo("bar"));
        Assert.That(queue.Count, Is.Zero);
    }

    // Ports TestCollapseWhileProcessing: a second worker waits for the parked item until the first is Done.
    [Test]
    public async Task Add_TwiceWhileProcessing_SecondWorkerWaitsForDoneThenGetsItOnce()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        var first = queue.GetReady();
        queue.Add("foo");
        queue.Add("foo");

        var second = queue.GetAsync(CancellationToken.None).AsTask();
        Assert.That(second.IsCompleted, Is.False, "worker should be blocked until we are done");
        queue.Done(first);

        var again = (await second.WaitAsync(QueueTestHelpers.Timeout))!;
        Assert.That(again, Is.EqualTo("foo"));
        queue.Done(again);
        Assert.That(queue.Count, Is.Zero);
    }

    // Ports TestQueueDrainageUsingShutDownWithDrain.
    [Test]
    public async Task ShutDownWithDrainAsync_ItemsProcessing_CompletesOnlyAfterAllDone()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        queue.Add("bar");
        var firstItem = queue.GetReady();
        var secondItem = queue.GetReady();

        var drained = queue.ShutDownWithDrainAsync(CancellationToken.None);
        queue.AssertShutDownSignal();
        Assert.That(drained.IsCompleted, Is.False, "the drain waits for items being processed");
        queue.Done(firstItem);
        Assert.That(drained.IsCompleted, Is.False, "one item is still being processed");
        queue.Done(secondItem);

        await drained.WaitAsync(QueueTestHelpers.Timeout);
    }

    // Ports TestNoQueueDrainageUsingShutDown.
    [Test]
    public void ShutDown_ItemsProcessing_ReturnsWithoutWaitingForDone()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        queue.Add("bar");
        queue.GetReady();
        queue.GetReady();

        queue.ShutDown();

        Assert.That(queue.ShuttingDown, Is.True);
        queue.AssertShutDownSignal();
    }

    // Ports TestForceQueueShutdownUsingShutDown: ShutDown during a drain (a second SIGTERM) ends the wait.
    [Test]
    public async Task ShutDown_DuringDrain_EndsTheDrainWithoutDone()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        queue.Add("bar");
        queue.GetReady();
        queue.GetReady();
        var drained = queue.ShutDownWithDrainAsync(CancellationToken.None);
        queue.AssertShutDownSignal();

        queue.ShutDown();

        await drained.WaitAsync(QueueTestHelpers.Timeout);
    }

    // Ports TestQueueDrainageUsingShutDownWithDrainWithDirtyItem: Done after shut-down still hands a parked
    // re-add out once more, then the shut-down signal comes back.
    [Test]
    public async Task ShutDownWithDrainAsync_ParkedItemDone_HandedOutAgainThenShutDownSignal()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        var gotten = queue.GetReady();
        queue.Add("foo");
        var drained = queue.ShutDownWithDrainAsync(CancellationToken.None);
        queue.AssertShutDownSignal();

        queue.Done(gotten);
        var again = queue.GetReady();
        Assert.That(again, Is.EqualTo("foo"), "Done put the parked item back, so it is not shut down yet");
        queue.Done(again);

        queue.AssertShutDownSignal();
        await drained.WaitAsync(QueueTestHelpers.Timeout);
    }

    // Ports TestGarbageCollection: an item that went through Add, GetAsync and Done is not kept alive.
    [Test]
    public void Done_ItemProcessed_QueueKeepsNoReferenceToIt()
    {
        using var queue = new WorkQueue<object>(new RetryRateLimiter<object>(_time, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1)), _time);

        var weak = PassThrough(queue);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.That(weak.IsAlive, Is.False, "object was not garbage collected");
        GC.KeepAlive(queue);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference PassThrough(WorkQueue<object> queue)
    {
        var big = new byte[1024];
        queue.Add(big);
        queue.ProcessReady();
        return new WeakReference(big);
    }
}
