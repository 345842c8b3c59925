using KamajiKubeconfig.Queue;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>
/// The queue under real contention: producers on dedicated threads and async workers on the thread pool
/// hammer a small key space, so re-adds while processing, collapses and parked items happen constantly.
/// A logical clock (one Interlocked counter) orders adds against processing starts without any sleeping.
/// </summary>
public class WorkQueueStressTests
{
    private const int Keys = 64;
    private const int Producers = 8;
    private const int AddsPerProducer = 5_000;
    private const int Workers = 8;

    [TestCase(false)]
    [TestCase(true)]
    public async Task GetAsync_ManyProducersAndWorkers_NoKeyTwiceAtOnceAndEveryAddProcessedAfterwards(bool drain)
    {
        using var queue = new WorkQueue<object>(new RetryRateLimiter<object>(TimeProvider.System), TimeProvider.System);
        var state = new StressState();

        var producers = Enumerable.Range(0, Producers)
            .Select(seed => Task.Factory.StartNew(() => Produce(queue, state, seed), TaskCreationOptions.LongRunning))
            .ToArray();
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(queue, state))).ToArray();
        await Task.WhenAll(producers).WaitAsync(QueueTestHelpers.Timeout);
        // Shut down while work is still queued: workers must drain it, parked re-adds included.
        await QueueTestHelpers.ShutDownAsync(queue, drain).WaitAsync(QueueTestHelpers.Timeout);
        await Task.WhenAll(workers).WaitAsync(QueueTestHelpers.Timeout);

        Assert.That(state.Overlaps, Is.Zero, "a key was processed by two workers at once");
        var lost = Enumerable.Range(0, Keys).Where(key => state.LastAdd[key] > 0 && state.LastStart[key] < state.LastAdd[key]).ToArray();
        Assert.That(lost, Is.Empty, "keys not processed after their last add");
        Assert.That(state.Processed, Is.InRange(Keys, Producers * AddsPerProducer), "duplicates should collapse, nothing should be lost");
        Assert.That(queue.Count, Is.Zero);
    }

    private static void Produce(WorkQueue<object> queue, StressState state, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < AddsPerProducer; i++)
        {
            var key = random.Next(Keys);
            // The add's logical time is taken before Add, so any processing start that absorbs it is later.
            InterlockedMax(ref state.LastAdd[key], Interlocked.Increment(ref state.Clock));
            queue.Add(key);
            if (i % 64 == 0)
            {
                Thread.Yield();
            }
        }
    }

    private static async Task WorkAsync(WorkQueue<object> queue, StressState state)
    {
        while (true)
        {
            // Boxed ints: the queue holds references, and boxed ints compare by value.
            if (await queue.GetAsync(CancellationToken.None) is not int key)
            {
                return;
            }

            try
            {
                InterlockedMax(ref state.LastStart[key], Interlocked.Increment(ref state.Clock));
                if (Interlocked.Exchange(ref state.InFlight[key], 1) != 0)
                {
                    Interlocked.Increment(ref state.Overlaps);
                }

                Thread.SpinWait(100);
                if (key % 2 == 0)
                {
                    // Finish on another thread now and then, as real async work does.
                    await Task.Yield();
                }

                Interlocked.Increment(ref state.Processed);
                Volatile.Write(ref state.InFlight[key], 0);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Shared counters; fields so that Interlocked can take them by reference.</summary>
    private sealed class StressState
    {
        public readonly long[] LastAdd = new long[Keys];
        public readonly long[] LastStart = new long[Keys];
        public readonly int[] InFlight = new int[Keys];
        public long Clock;
        public int Overlaps;
        public int Processed;
    }
}
