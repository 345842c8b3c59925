using System.Collections.Concurrent;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// One pass over one generator (docs/design.md, "The pass"): read the caches (plus direct reads of referenced Secrets
/// the caches lack), run the pure reconcile at the current time, execute the plan. Null when the generator is gone.
/// </summary>
public sealed class PassRunner(
    ClusterCaches caches, IKubeApi api, PlanExecutor executor, ReconcileOptions options, IValidityMemo memo, TimeProvider time,
    DirtyTargets dirty) : IPassRunner
{
    /// <summary>
    /// How stale a directly read Secret may become before its generator is reconciled again: nothing watches it (only
    /// the Secrets Kamaji labels are cached), so its changes would otherwise show only at the next resync.
    /// </summary>
    public static readonly TimeSpan DirectReadRefresh = TimeSpan.FromMinutes(1);

    private const int ReadParallelism = 8;

    /// <summary>
    /// A pass that issued at least this many certificates is followed by a compacting collection. Issuing thousands
    /// leaves the GC holding the memory the burst used (keys, requests, responses) as committed heap for the life of
    /// the process: at 10,000 tenants idle RSS went from 342 to 281 MiB with it (docs/design.md, Caches).
    /// </summary>
    private const int CompactAfterIssuing = 1_000;

    /// <summary>
    /// The collection runs once no pass has ended for this long: the watch events of the burst's writes, and the
    /// passes they wake, are over. Collecting at the end of the pass itself left their garbage committed.
    /// </summary>
    public static readonly TimeSpan CompactWhenQuietFor = TimeSpan.FromSeconds(10);

    private int _compactPending;
    private long _lastPassEnded;

    // Each generator's last completed plan: the base of an incremental pass, forgotten when a pass starts.
    private readonly ConcurrentDictionary<string, LastPlan> _lastPlans = new(StringComparer.Ordinal);

    public async Task<PassReport?> RunAsync(string generatorName, CancellationToken cancellationToken)
    {
        // A generator reading an admin kubeconfig key no list has parsed yet waits for the relist that parses it, before
        // the drain: the relist changes every admin kubeconfig Secret, and this pass reads them all anyway.
        if (caches.Generators.Get(ObjectKey.Cluster(generatorName)) is { } reading)
        {
            await caches.TemplatesReadAsync(reading.Spec.ControlPlaneEndpointFrom, cancellationToken);
        }
        // Drained first: whatever changes while this pass runs is marked again and runs in the pass after it.
        var changed = dirty.Drain(generatorName);
        _lastPlans.TryRemove(generatorName, out var previous);
        var generator = caches.Generators.Get(ObjectKey.Cluster(generatorName));
        if (generator is null)
        {
            return null;
        }
        // At once, unless the generator changed its key since the wait above.
        await caches.TemplatesReadAsync(generator.Spec.ControlPlaneEndpointFrom, cancellationToken);
        var view = caches.View();
        // A full pass when something calls for it or there is nothing to continue from; otherwise the marked TCPs,
        // plus those whose Secrets the last pass had to read directly (unwatched: read and planned again).
        var full = changed is null || previous is null;
        var lookAt = full ? null : changed!.Union(previous!.ReadDirectly).ToHashSet();
        var references = view.MissingReferences(generator.Spec, lookAt).ToList();
        var missing = references.Select(r => r.Secret).Distinct().ToList();
        var readDirectly = references.Select(r => r.Tenant).ToHashSet();
        var readFailed = false;
        if (missing.Count > 0)
        {
            var fetched = new ConcurrentDictionary<ObjectRef, SecretInfo>();
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
                async (reference, ct) =>
                {
                    try
                    {
                        if (await api.GetSecretAsync(reference, ct) is { } secret)
                        {
                            fetched[reference] = secret;
                        }
                    }
                    catch (KubeApiException)
                    {
                        // That TCP reads as "not found" for this pass; the pass is retried with backoff.
                        readFailed = true;
                    }
                });
            view = caches.View(fetched);
        }
        var now = time.GetUtcNow();
        var plan = full
            ? Reconciler.Reconcile(generator, view, now, options, memo)
            : IncrementalReconciler.Reconcile(generator, view, now, options, memo, previous!.Plan, lookAt!);
        var report = await executor.ExecuteAsync(generator, plan, now, cancellationToken);
        if (report.Issued.Values.Sum() >= CompactAfterIssuing && Interlocked.Exchange(ref _compactPending, 1) == 0)
        {
            _ = CompactWhenQuietAsync();
        }
        _lastPlans[generatorName] = new LastPlan(report.Plan, readDirectly);
        Volatile.Write(ref _lastPassEnded, time.GetTimestamp());
        var refresh = now + DirectReadRefresh;
        if (missing.Count > 0 && report.Plan.Mode == PlanMode.Active && (report.Plan.RequeueAt is not { } at || at > refresh))
        {
            report = report with { Plan = report.Plan with { RequeueAt = refresh } };
        }
        return readFailed ? report with { Transient = true } : report;
    }

    private async Task CompactWhenQuietAsync()
    {
        do
        {
            await Task.Delay(CompactWhenQuietFor, time);
        }
        while (time.GetElapsedTime(Volatile.Read(ref _lastPassEnded)) < CompactWhenQuietFor);
        Volatile.Write(ref _compactPending, 0);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>A completed plan, and the TCPs whose admin/CA Secrets its pass read directly.</summary>
    private sealed record LastPlan(ReconcilePlan Plan, IReadOnlySet<ObjectRef> ReadDirectly);
}
