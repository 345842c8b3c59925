using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// Takes generator names off the queue and runs passes, one key at a time per worker (the queue guarantees no key
/// runs twice at once). Applies <see cref="WorkerPolicy"/>; the only place that retries. Exceptions are contained
/// and counted: one bad pass never stops the worker.
/// </summary>
internal sealed partial class ReconcileWorker(
    IWorkQueue<string> queue, IPassRunner runner, TimeProvider time, TimeSpan passTimeout, IWorkerObserver observer, ILogger<ReconcileWorker> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = await queue.GetAsync(cancellationToken);
            if (!next.TryGetItem(out var name))
            {
                return;
            }
            try
            {
                await ProcessAsync(name, cancellationToken);
            }
            finally
            {
                queue.Done(name);
            }
        }
    }

    private async Task ProcessAsync(string name, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(passTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = time.GetTimestamp();
        observer.PassStarted();
        PassReport? report = null;
        Exception? failure = null;
        try
        {
            report = await runner.RunAsync(name, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or lost leadership: leave the key for whoever runs next; no retry bookkeeping.
            observer.PassFinished(name, null, null, time.GetElapsedTime(started));
            return;
        }
        catch (Exception e)
        {
            failure = e;
            LogPassFailed(logger, name, e.GetType().Name, e.Message);
        }
        var (decision, delay) = WorkerPolicy.Decide(report, failure, time.GetUtcNow());
        switch (decision)
        {
            case WorkerDecision.Forget:
                queue.Forget(name);
                break;
            case WorkerDecision.RequeueAfter:
                queue.Forget(name);
                queue.AddAfter(name, delay);
                break;
            case WorkerDecision.RequeueRateLimited:
                queue.AddRateLimited(name);
                break;
            case WorkerDecision.RequeueRetryAfter:
                queue.AddAfter(name, delay);
                break;
        }
        observer.PassFinished(name, report, failure, time.GetElapsedTime(started));
        if (report is not null && logger.IsEnabled(LogLevel.Debug))
        {
            var issued = report.Issued.Values.Sum();
            LogPassDone(logger, name, decision, issued, report.Repaired, report.Pruned, report.Failed);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Pass over generator {Generator} failed: {ErrorType}: {Error}")]
    private static partial void LogPassFailed(ILogger logger, string generator, string errorType, string error);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug,
        Message = "Pass over generator {Generator}: {Decision}, issued {Issued}, repaired {Repaired}, pruned {Pruned}, failed {Failed}")]
    private static partial void LogPassDone(ILogger logger, string generator, WorkerDecision decision, int issued, int repaired, int pruned, int failed);
}
