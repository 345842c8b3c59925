using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using KamajiKubeconfig.Controller.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace KamajiKubeconfig.Controller.Leadership;

/// <summary>
/// Leader election on the Lease Kamaji's generator also uses, so the two never write at once during a switch-over.
/// Wraps the client's <see cref="LeaderElector"/> per docs/kubernetes-notes.md B10: a retry loop around acquisition
/// (non-HTTP errors escape it), work started off the elector's thread, the Lease released on shutdown (the client
/// never does), and the process stopped when leadership is lost, as controller-runtime does.
/// </summary>
internal sealed partial class LeaseLeadership(
    IKubernetes client, string leaseNamespace, string leaseName, string identity, LeaseTimings timings, IHostApplicationLifetime lifetime,
    TimeProvider time, ControllerMetrics metrics, ILogger<LeaseLeadership> logger) : BackgroundService, ILeadership
{
    /// <summary>How long releasing the Lease may take on shutdown.</summary>
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lost = new();
    private volatile bool _stopping;

    public CancellationToken Lost => _lost.Token;

    public bool IsLeader => _leading.Task.IsCompleted && !_lost.IsCancellationRequested;

    public Task WaitForLeadershipAsync(CancellationToken cancellationToken) => _leading.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Acquisition is retried every RetryPeriod for as long as we run: connection failures escape the client's
        // elector (docs/kubernetes-notes.md B10). Once we have led, the loop ends: a lost Lease stops the process.
        var retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null and not OperationCanceledException && !_leading.Task.IsCompleted),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = timings.RetryPeriod,
                OnRetry = args =>
                {
                    LogElectionError(logger, args.Outcome.Exception!);
                    return default;
                },
            })
            .Build();
        try
        {
            await retry.ExecuteAsync(RunElectorAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    private async ValueTask RunElectorAsync(CancellationToken cancellationToken)
    {
        var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(client, leaseNamespace, leaseName, identity))
        {
            LeaseDuration = timings.LeaseDuration,
            RenewDeadline = timings.RenewDeadline,
            RetryPeriod = timings.RetryPeriod,
        });
        elector.OnStartedLeading += () =>
        {
            LogAcquired(logger, leaseNamespace, leaseName, identity);
            metrics.LeadershipChanged(true);
            _leading.TrySetResult();
        };
        elector.OnStoppedLeading += OnStopped;
        elector.OnError += e => LogElectionError(logger, e);
        await elector.RunUntilLeadershipLostAsync(cancellationToken);
    }

    private void OnStopped()
    {
        // The elector also reports "stopped" when we cancel it at shutdown: that is a release, not a loss.
        if (!_leading.Task.IsCompleted || _stopping)
        {
            return;
        }
        LogLost(logger, leaseNamespace, leaseName);
        metrics.LeadershipChanged(false);
        _lost.Cancel();
        lifetime.StopApplication();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var wasLeading = IsLeader;
        _stopping = true;
        await base.StopAsync(cancellationToken);
        if (wasLeading)
        {
            // Its own short deadline rather than the host's token: when shutdown has used up its time the host token
            // is already cancelled, and an unreleased Lease costs the successor a full lease duration.
            using var release = new CancellationTokenSource(ReleaseTimeout, time);
            await ReleaseAsync(release.Token);
        }
    }

    /// <summary>
    /// Marks the Lease as expiring in one second while keeping every field set: an emptied holder would send the
    /// client's elector down its create path forever (B10 pitfall), so the successor instead sees a short lease.
    /// </summary>
    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, leaseNamespace, cancellationToken: cancellationToken);
            if (lease.Spec?.HolderIdentity != identity)
            {
                return;
            }
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = MicroTime(time.GetUtcNow().UtcDateTime);
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, leaseName, leaseNamespace, cancellationToken: cancellationToken);
            LogReleased(logger, leaseNamespace, leaseName);
        }
        catch (Exception e)
        {
            // Shutdown goes on either way; the Lease then expires on its own.
            LogElectionError(logger, e);
        }
    }

    /// <summary>A MicroTime whose fraction is never zero: the client drops a zero fraction and servers reject that.</summary>
    private static DateTime MicroTime(DateTime utc)
    {
        var micro = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return micro.Ticks % TimeSpan.TicksPerSecond == 0 ? micro.AddTicks(10) : micro;
    }

    public override void Dispose()
    {
        _lost.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Became leader on Lease {Namespace}/{Lease} as {Identity}")]
    private static partial void LogAcquired(ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Lost leadership on Lease {Namespace}/{Lease}: stopping")]
    private static partial void LogLost(ILogger logger, string @namespace, string lease);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Leader election error")]
    private static partial void LogElectionError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Released Lease {Namespace}/{Lease}")]
    private static partial void LogReleased(ILogger logger, string @namespace, string lease);
}
