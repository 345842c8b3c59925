using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Controller.Leadership;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Controller.Triggers;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>
/// Orchestration: informers start at once (caches warm before leadership), triggers feed the queue, workers start
/// only when the caches have synced and this process leads, every generator is re-examined each resync period,
/// and on shutdown in-flight passes finish before the process exits. Losing leadership cancels writes at once.
/// </summary>
internal sealed partial class ControllerHost(
    ClusterCaches caches,
    WorkQueue<string> queue,
    ILeadership leadership,
    Func<ReconcileWorker> workerFactory,
    ControllerOptions options,
    ControllerMetrics leaderMetrics,
    TimeProvider time,
    Random random,
    StatusLedger statusLedger,
    DirtyTargets dirty,
    PoisonObjectReporter poisonReporter,
    ILogger<ControllerHost> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the workers run: caches synced and leadership held.</summary>
    public Task Running => _ready.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.IgnoredFlags.Count > 0)
        {
            LogIgnoredFlags(logger, string.Join(", ", options.IgnoredFlags));
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RegisterTriggers();
        var informers = caches.RunAsync(stoppingToken).ToList();
        await caches.WaitForSyncAsync(stoppingToken);
        LogSynced(logger, caches.Generators.Count, caches.TenantControlPlanes.Count, caches.ManagedSecrets.Count + caches.KamajiSecrets.Count);
        // The initial lists leave the heap full of decoded pages and parsed kubeconfigs that are garbage by now: one
        // compacting collection returns that memory to the OS instead of keeping it for the life of the process.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await leadership.WaitForLeadershipAsync(stoppingToken);
        if (leadership is AlwaysLeader)
        {
            leaderMetrics.LeadershipChanged(true);
        }
        using var writes = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Lost);
        EnqueueAll();
        var workers = Enumerable.Range(0, options.Workers).Select(_ => workerFactory().RunAsync(writes.Token)).ToList();
        var resync = ResyncAsync(writes.Token);
        _ready.TrySetResult();
        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            queue.ShutDown();
            await Task.WhenAll(informers.Append(resync).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Let in-flight passes finish their applies: drain before the workers' token is cancelled, but not for
        // longer than the drain timeout, and never by throwing: a throw here aborts the process before the Lease
        // is released.
        using var deadline = new CancellationTokenSource(options.ShutdownDrainTimeout, time);
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await queue.ShutDownWithDrainAsync(drain.Token);
        }
        catch (OperationCanceledException)
        {
            LogDrainCut(logger, options.ShutdownDrainTimeout);
        }
        await base.StopAsync(cancellationToken);
    }

    private void RegisterTriggers()
    {
        var triggers = new GeneratorTriggers(new CacheTriggerView(caches));
        caches.GeneratorInformer.AddHandler((o, n) =>
        {
            Enqueue(GeneratorTriggers.WakesForGenerator(o, n, statusLedger.LastWritten((n ?? o)!.Name)));
            if (n is null)
            {
                statusLedger.Forget(o!.Name);
            }
        });
        caches.NamespaceInformer.AddHandler((o, n) => Enqueue(triggers.WakesForNamespace(o, n)));
        caches.TenantControlPlaneInformer.OnTransformFailed((raw, e) => poisonReporter.Report(caches.TenantControlPlaneInformer.Name, raw, e));
        caches.GeneratorInformer.OnTransformFailed((raw, e) => poisonReporter.Report(caches.GeneratorInformer.Name, raw, e));
        caches.TenantControlPlaneInformer.AddHandler((o, n) => Enqueue(triggers.WakesForTenantControlPlane(o, n)));
        caches.ManagedSecretInformer.AddHandler((o, n) => Enqueue(triggers.WakesForSecret(o, n)));
        caches.KamajiSecretInformer.AddHandler((o, n) => Enqueue(triggers.WakesForSecret(o, n)));
    }

    /// <summary>Marks what changed, then enqueues: the pass drains the marks when it starts.</summary>
    private void Enqueue(IReadOnlyList<Wake> wakes)
    {
        foreach (var wake in wakes)
        {
            dirty.Mark(wake);
            queue.Add(wake.Generator);
        }
    }

    /// <summary>Start-up and resync: every generator, each for a full pass.</summary>
    private void EnqueueAll()
    {
        foreach (var generator in caches.Generators.List())
        {
            dirty.Mark(Wake.All(generator.Name));
            queue.Add(generator.Name);
        }
    }

    /// <summary>controller-runtime's resync: the period scaled by a jitter in [0.9, 1.1), so replicas spread out.</summary>
    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var period = options.CacheResyncPeriod * (0.9 + (random.NextDouble() * 0.2));
            try
            {
                await Task.Delay(period, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            EnqueueAll();
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Ignoring controller-runtime logging flags {Flags}: use --log-format")]
    private static partial void LogIgnoredFlags(ILogger logger, string flags);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Passes still running {Timeout} after shutdown began: cancelling them")]
    private static partial void LogDrainCut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Caches synced: {Generators} generators, {Tenants} tenant control planes, {Secrets} secrets")]
    private static partial void LogSynced(ILogger logger, int generators, int tenants, int secrets);
}
