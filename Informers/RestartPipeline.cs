using Polly;
using Polly.Retry;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// The informer's retry loop around one list/watch attempt: forever, with <see cref="ReflectorBackoff"/>.
/// <c>onRestart</c> is told every failure and the delay chosen for it, before the delay starts.
/// </summary>
internal static class RestartPipeline
{
    public static ResiliencePipeline Build(BackoffOptions options, TimeProvider timeProvider, Random random, Action<Exception, TimeSpan> onRestart)
    {
        var backoff = new ReflectorBackoff(options, timeProvider, random);
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                // Every failure is retried for as long as we run: an informer that gives up leaves a stale cache.
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,

                // A throttling server's Retry-After can only lengthen the wait, never shorten it below the backoff.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    backoff.Next((args.Outcome.Exception as InformerRestartException)?.RetryAfter)),
                OnRetry = args =>
                {
                    onRestart(args.Outcome.Exception!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }
}
