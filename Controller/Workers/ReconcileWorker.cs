using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// Takes generator names off the queue and runs passes, applying <see cref="WorkerPolicy"/>: the only place that
/// retries. Exceptions are contained, logged and told apart (docs/design.md, "The worker's decision table"): one bad
/// pass never stops the worker.
/// </summary>
internal sealed partial class ReconcileWorker(
    WorkQueue<string> queue, IPassRunner runner, TimeProvider time, ControllerOptions options, IWorkerObserver observer, ILogger<ReconcileWorker> logger)
{
    private static long _passes;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string? name;
            try
            {
                name = await queue.GetAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (name is null)
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
        var pass = Interlocked.Increment(ref _passes);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["generator"] = name, ["pass"] = pass });
        using var timeout = new CancellationTokenSource(options.PassTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = time.GetTimestamp();
        observer.PassStarted();
        PassReport? report = null;
        Exception? failure = null;
        var bug = false;
        try
        {
            report = await runner.RunAsync(name, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or lost leadership: leave the key for whoever runs next; the generator itself is unchanged.
            observer.PassFinished(name, WorkerDecision.Cancelled, null, false, time.GetElapsedTime(started));
            return;
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            failure = new TimeoutException($"the pass did not finish within {options.PassTimeout}", e);
            LogPassTimedOut(logger, name, options.PassTimeout);
        }
#pragma warning disable CA1031 // The worker must outlive any pass; the failure is logged with its stack and retried.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
            bug = IsBug(e, cancellationToken);
            LogPassFailed(logger, name, bug ? "unexpected error (bug)" : "error", e);
        }
        foreach (var contained in report?.Unexpected ?? [])
        {
            bug = true;
            LogContainedFailure(logger, name, contained);
        }
        var (decision, delay) = WorkerPolicy.Decide(report, failure, time.GetUtcNow());
        switch (decision)
        {
            case WorkerDecision.Forget or WorkerDecision.GeneratorGone:
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
                // Never shorter than the backoff, never longer than the cap: a server saying "1 s" forever must not
                // turn into a retry every second, nor a hostile "1 day" into a day without reconciling.
                queue.AddRateLimited(name, delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay);
                break;
        }
        observer.PassFinished(name, decision, report, bug, time.GetElapsedTime(started));
        if (report is not null && logger.IsEnabled(LogLevel.Debug))
        {
            var issued = report.Issued.Values.Sum();
            LogPassDone(logger, name, decision, issued, report.Repaired, report.Pruned, report.Failed);
        }
    }

    /// <summary>Not an API answer, not a timeout, not a connection failure: something no input explains.</summary>
    public static bool IsBug(Exception e, CancellationToken cancellationToken) =>
        e is not (KubeApiException or TimeoutException) && !KubernetesErrors.IsNoAnswer(e, cancellationToken);

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Pass over generator {Generator} failed with an {Kind}")]
    private static partial void LogPassFailed(ILogger logger, string generator, string kind, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug,
        Message = "Pass over generator {Generator}: {Decision}, issued {Issued}, repaired {Repaired}, pruned {Pruned}, failed {Failed}")]
    private static partial void LogPassDone(ILogger logger, string generator, WorkerDecision decision, int issued, int repaired, int pruned, int failed);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Pass over generator {Generator} timed out after {Timeout}")]
    private static partial void LogPassTimedOut(ILogger logger, string generator, TimeSpan timeout);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error,
        Message = "Pass over generator {Generator}: one write failed with an unexpected error (bug); the other writes went on")]
    private static partial void LogContainedFailure(ILogger logger, string generator, Exception exception);
}
