namespace KamajiKubeconfig.Queue;

/// <summary>
/// Decides how long an item waits before it is retried (client-go <c>TypedRateLimiter</c>).
/// Implementations are safe to call from many threads.
/// </summary>
internal interface IRateLimiter<in T>
    where T : notnull
{
    /// <summary>Records one more failure of <paramref name="item"/> and returns how long it should wait.</summary>
    TimeSpan When(T item);

    /// <summary>Stops tracking <paramref name="item"/>, whether it finally succeeded or was given up on.</summary>
    void Forget(T item);

    /// <summary>How many failures are recorded for <paramref name="item"/> since it was last forgotten.</summary>
    int NumRequeues(T item);
}
