namespace KamajiKubeconfig.Queue;

/// <summary>
/// Records nothing. The queue recognises it and then skips the metric bookkeeping and the sampling timer
/// altogether, as client-go does for unnamed queues.
/// </summary>
internal sealed class NoopQueueMetrics : IQueueMetrics
{
    public static readonly NoopQueueMetrics Instance = new();

    private NoopQueueMetrics()
    {
    }

    public void SetDepth(int depth)
    {
    }

    public void IncrementAdds()
    {
    }

    public void ObserveQueueDuration(TimeSpan duration)
    {
    }

    public void ObserveWorkDuration(TimeSpan duration)
    {
    }

    public void SetUnfinishedWork(TimeSpan total, TimeSpan longestRunning)
    {
    }

    public void IncrementRetries()
    {
    }
}
