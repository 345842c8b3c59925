using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>
/// The work-queue contract beyond client-go's queue_test.go: the "Fair" property of doc.go, and what our
/// API adds to client-go's (cancellable GetAsync and drain, a safe shut-down signal, a stray Done).
/// </summary>
// A fresh fake clock per test: NUnit otherwise shares one fixture instance between tests.
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class WorkQueueContractTests
{
    private readonly FakeTimeProvider _time = new();

    // The drain waits for processing items only, so a parked item that Done puts back
    // does not make it hang when no worker is left to take it.
    [Test]
    public async Task ShutDownWithDrainAsync_LastItemParkedAndNoWorkerLeft_CompletesOnDone()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        var item = queue.GetReady();
        queue.Add("foo");
        var drained = queue.ShutDownWithDrainAsync(CancellationToken.None);

        queue.Done(item);

        await drained.WaitAsync(QueueTestHelpers.Timeout);
        Assert.That(queue.Count, Is.EqualTo(1), "the parked item is still there for a worker");
    }

    // Cancelling the drain's token stops only the wait, not the shut-down.
    [Test]
    public void ShutDownWithDrainAsync_Cancelled_StopsWaitingButStaysShutDown()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        queue.GetReady();
        using var cts = new CancellationTokenSource();

        var drained = queue.ShutDownWithDrainAsync(cts.Token);
        cts.Cancel();

        Assert.That(async () => await drained.WaitAsync(QueueTestHelpers.Timeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(queue.ShuttingDown, Is.True);
    }


    // The "Fair" property of doc.go.
    [Test]
    public void GetAsync_ItemsAddedInOrder_HandedOutInTheSameOrder()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        string[] added = ["c", "a", "d", "b"];
        foreach (var item in added)
        {
            queue.Add(item);
        }

        var handedOut = added.Select(_ => queue.ProcessReady()).ToArray();

        Assert.That(handedOut, Is.EqualTo(added));
    }

    // client-go queue.go's Add ignores adds after shut-down, parked ones included.
    [Test]
    public void Add_AfterShutDown_Ignored()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        var item = queue.GetReady();
        queue.ShutDown();

        queue.Add("bar");
        queue.Add(item);
        queue.Done(item);

        Assert.That(queue.Count, Is.Zero);
        queue.AssertShutDownSignal();
    }

    // A Done for an item nobody holds must not queue a second copy of a waiting item.
    [Test]
    public void Done_ItemNotBeingProcessed_DoesNothing()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");

        queue.Done("foo");
        queue.Done("bar");

        Assert.That(queue.Count, Is.EqualTo(1));
        Assert.That(queue.ProcessReady(), Is.EqualTo("foo"));
        Assert.That(queue.Count, Is.Zero);
    }

    // Go's Get cannot be cancelled; ours can, and an item that arrives later is kept.
    [Test]
    public async Task GetAsync_CancelledWhileWaiting_ThrowsAndLosesNoItem()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        using var cts = new CancellationTokenSource();
        var waiting = queue.GetAsync(cts.Token).AsTask();

        await cts.CancelAsync();
        queue.Add("foo");

        Assert.That(async () => await waiting.WaitAsync(QueueTestHelpers.Timeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(queue.ProcessReady(), Is.EqualTo("foo"));
    }

    // A worker waiting on an empty queue wakes up on shut-down.
    [Test]
    public async Task ShutDown_WorkerWaitingOnEmptyQueue_GetsShutDownSignal()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        var waiting = queue.GetAsync(CancellationToken.None).AsTask();
        Assert.That(waiting.IsCompleted, Is.False);

        queue.ShutDown();

        var next = await waiting.WaitAsync(QueueTestHelpers.Timeout);
        Assert.That(next, Is.Null);
    }

    // Items queued before shut-down are still handed out, then the signal.
    [Test]
    public void ShutDown_ItemsQueued_HandedOutBeforeShutDownSignal()
    {
        using var queue = QueueTestHelpers.NewQueue(_time);
        queue.Add("foo");
        queue.Add("bar");

        queue.ShutDown();

        Assert.That(queue.ProcessReady(), Is.EqualTo("foo"));
        Assert.That(queue.ProcessReady(), Is.EqualTo("bar"));
        queue.AssertShutDownSignal();
    }
}
