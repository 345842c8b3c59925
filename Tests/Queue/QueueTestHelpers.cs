using KamajiKubeconfig.Queue;

namespace KamajiKubeconfig.Tests.Queue;

/// <summary>Small helpers shared by the queue tests.</summary>
internal static class QueueTestHelpers
{
    /// <summary>Bounds every wait on real threads: a broken queue fails the test instead of hanging it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A queue with client-go's test limiter (1 ms → 1 s per item); most tests never use it.</summary>
    public static WorkQueue<string> NewQueue(TimeProvider timeProvider) =>
        new(new RetryRateLimiter<string>(timeProvider, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1)), timeProvider);

    /// <summary>Takes the next item, which must already be ready: the queue never makes a ready item wait.</summary>
    public static T GetReady<T>(this WorkQueue<T> queue)
        where T : class
    {
        var next = queue.GetAsync(CancellationToken.None).AsTask();
        Assert.That(next.IsCompleted, Is.True, "an item should have been ready");
        return next.GetAwaiter().GetResult()!;
    }

    /// <summary>Takes the next item, if any, and marks it done at once.</summary>
    public static T ProcessReady<T>(this WorkQueue<T> queue)
        where T : class
    {
        var item = queue.GetReady();
        queue.Done(item);
        return item;
    }

    /// <summary>Asserts that GetAsync returns the shut-down signal without waiting.</summary>
    public static void AssertShutDownSignal<T>(this WorkQueue<T> queue)
        where T : class
    {
        var next = queue.GetAsync(CancellationToken.None).AsTask();
        Assert.That(next.IsCompleted, Is.True, "GetAsync should not wait once shut down and empty");
        Assert.That(next.GetAwaiter().GetResult(), Is.Null);
    }

    /// <summary>A worker loop on the thread pool: take, process, Done in a finally, until shut down.</summary>
    public static Task RunWorker<T>(WorkQueue<T> queue, Action<T> process)
        where T : class =>
        Task.Run(async () =>
        {
            while (true)
            {
                if (await queue.GetAsync(CancellationToken.None) is not { } item)
                {
                    return;
                }

                try
                {
                    process(item);
                }
                finally
                {
                    queue.Done(item);
                }
            }
        });

    /// <summary>Shuts the queue down the way a test case asks for.</summary>
    public static Task ShutDownAsync<T>(WorkQueue<T> queue, bool drain)
        where T : class
    {
        if (drain)
        {
            return queue.ShutDownWithDrainAsync(CancellationToken.None);
        }

        queue.ShutDown();
        return Task.CompletedTask;
    }
}
