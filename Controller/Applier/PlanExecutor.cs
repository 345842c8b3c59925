using System.Collections.Concurrent;
using System.Globalization;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// The imperative half of a pass: issues certificates, writes and deletes Secrets with bounded concurrency, manages
/// the finalizer, writes status only when it changed, and raises one aggregated Warning Event when the errors
/// change. One TCP's failure is recorded in status and never stops the others (docs/behaviour.md B6). What it issued and
/// wrote is remembered in <paramref name="memo"/> under the stored resourceVersion, so the pass its own writes
/// trigger does not parse them again (docs/behaviour.md B5); what it wrote is kept in <paramref name="recentWrites"/>
/// until the cache shows it, so a pass that runs on a lagging cache does not issue the same certificate twice.
/// Certificates are issued <paramref name="issueBatch"/> at a time, each batch written while the next is issued;
/// <paramref name="cachedCaSecrets"/> lets a batch read a namespace's CA keys with one request (<see cref="CaKeyReads"/>).
/// </summary>
public sealed class PlanExecutor(
    IKubeApi api, KubeconfigIssuing issuing, SecretWriter writer, int applyParallelism, IValidityMemo? memo = null, RecentWrites? recentWrites = null,
    StatusLedger? statusLedger = null, int issueBatch = 500, Func<IEnumerable<ObjectRef>>? cachedCaSecrets = null)
{
    public async Task<PassReport> ExecuteAsync(Generator generator, ReconcilePlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (plan.Mode)
        {
            case PlanMode.Paused:
                return PassReport.Nothing(plan);
            case PlanMode.Finalizing:
                return await FinalizeAsync(generator, plan, cancellationToken);
        }
        if (plan.AddFinalizer)
        {
            // Before any Secret exists, so a generator deleted right after cannot leave Secrets behind.
            var added = await TrySetFinalizers(generator, [.. generator.Finalizers, WellKnown.Finalizer], plan, cancellationToken);
            if (added is not null)
            {
                return added;
            }
        }

        // Each failed target's result (its cause, whether retrying may help), and the retry hints of failed deletes
        // and status writes, which are no target's error.
        var failed = new ConcurrentDictionary<ObjectRef, WriteResult>();
        var retry = new ConcurrentBag<TimeSpan?>();
        var unexpected = new ConcurrentBag<Exception>();
        Task WriteAllAsync(IEnumerable<TargetPlan> writes, IReadOnlyDictionary<ObjectRef, IssueResult> facts) => ForEach(writes, async (target, ct) =>
        {
            var result = await Contained(() => writer.WriteAsync(target, generator, ct), unexpected, ct);
            if (result.Cause is not null)
            {
                failed[target.TenantControlPlane] = result;
                return;
            }
            recentWrites?.Record(target.SecretRef, target.ObservedResourceVersion, result.Stored?.WithoutValue(memo ?? NoValidityMemo.Instance));
            if (facts.TryGetValue(target.TenantControlPlane, out var written))
            {
                Remember(target, result.Stored, written.Facts);
            }
        }, cancellationToken);
        // In batches: a batch is issued while the one before it is written (signing takes the cores, writing waits on
        // the server), and its CA keys and new client keys are in memory until its writes are done. At 10,000 tenants
        // a first pass held every CA key and every issued kubeconfig at once, which set the controller's peak memory.
        var (issues, repairs) = (new List<TargetPlan>(), new List<TargetPlan>());
        foreach (var target in plan.Targets.AsSpan())
        {
            (target.Action == TargetAction.Issue ? issues : target.Action == TargetAction.Repair ? repairs : null)?.Add(target);
        }
        var issued = new List<(ObjectRef Tenant, IssueReason Reason)>();
        var writing = Task.CompletedTask;
        // Read once per pass, as the plan's view was: walking the whole Kamaji Secret cache for every batch cost more
        // than the LISTs saved at 10,000 tenants.
        var caSecrets = issues.Count > 1 ? cachedCaSecrets?.Invoke().ToLookup(r => r.Namespace, StringComparer.Ordinal) : null;
        foreach (var batch in issues.Chunk(issueBatch))
        {
            var (batchIssued, facts) = await IssueAsync([.. batch], caSecrets, failed, unexpected, cancellationToken);
            await writing;
            writing = WriteAllAsync(batchIssued, facts);
            issued.AddRange(batchIssued.Select(t => (t.TenantControlPlane, t.Reason!.Value)));
        }
        await writing;
        await WriteAllAsync(repairs, new Dictionary<ObjectRef, IssueResult>());
        var deleteFailures = 0;
        await ForEach(plan.Deletes, async (secret, ct) =>
        {
            var result = await Contained(async () =>
            {
                await api.DeleteSecretAsync(secret, ct);
                return WriteResult.Written(null);
            }, unexpected, ct);
            if (result.Cause is not null && result.Transient)
            {
                Interlocked.Increment(ref deleteFailures);
                retry.Add(result.RetryAfter);
            }
        }, cancellationToken);

        var final = plan.WithIssueFailures(generator, failed.ToDictionary(f => f.Key, f => f.Value.Cause!), now,
            failed.Where(f => f.Value.IsWholeMessage).Select(f => f.Key).ToHashSet());
        if (final.StatusChanged && final.Status is not null)
        {
            try
            {
                await WriteStatusAsync(generator, final.Status, cancellationToken);
                await WarnIfErrorsChanged(generator, final.Status, cancellationToken);
            }
            catch (KubeApiException e) when (e.IsTransient)
            {
                retry.Add(e.RetryAfter);
            }
        }
        else if (final.Status is not null)
        {
            // Already stored as computed: still what this controller stands behind, so that another writer's later
            // edit (after a restart, before our first status write) is recognised as foreign and put right.
            statusLedger?.Wrote(generator.Name, final.Status);
        }
        var transient = failed.Values.Where(f => f.Transient).Select(f => f.RetryAfter).Concat(retry).ToList();
        return new PassReport(
            transient.Count > 0,
            transient.Max(),
            final,
            issued.Where(t => !failed.ContainsKey(t.Tenant)).GroupBy(t => t.Reason).ToDictionary(g => g.Key, g => g.Count()),
            repairs.Count(t => !failed.ContainsKey(t.TenantControlPlane)),
            plan.Deletes.Count - deleteFailures,
            failed.Count)
        {
            Unexpected = [.. unexpected],
        };
    }

    /// <summary>
    /// Status by server-side apply; then, when we computed no errors but the stored status still lists some, they
    /// were written by another manager (Kamaji's plain status updates after a switch-over) and apply cannot release
    /// them: a merge patch removes them, so status equals what this controller computed.
    /// </summary>
    private async Task WriteStatusAsync(Generator generator, GeneratorStatus status, CancellationToken cancellationToken)
    {
        // Recorded before the write: the watch can deliver our own update before the API call returns, and an echo
        // taken for someone else's edit would cost a full pass. (Should the write fail, the pass is retried anyway.)
        statusLedger?.Wrote(generator.Name, status);
        var stored = await api.ApplyStatusAsync(generator.Name, status, cancellationToken);
        if (status.Errors.Count == 0 && stored is { Errors.Count: > 0 })
        {
            await api.RemoveStatusErrorsAsync(generator.Name, cancellationToken);
        }
    }

    /// <summary>
    /// Reads the CA keys the targets need (<see cref="CaKeyReads"/>), signs, and wipes the keys before any write.
    /// Targets whose CA cannot sign land in <paramref name="failed"/>, with the API's transient verdict.
    /// </summary>
    private async Task<(IReadOnlyList<TargetPlan> Issued, IReadOnlyDictionary<ObjectRef, IssueResult> Results)> IssueAsync(
        List<TargetPlan> toIssue, ILookup<string, ObjectRef>? caSecrets, ConcurrentDictionary<ObjectRef, WriteResult> failed, ConcurrentBag<Exception> unexpected, CancellationToken cancellationToken)
    {
        if (toIssue.Count == 0)
        {
            return ([], new Dictionary<ObjectRef, IssueResult>());
        }
        using var caKeys = await CaKeyReads.ReadAsync(api, toIssue.Select(t => t.Issue!), applyParallelism, unexpected, cancellationToken, caSecrets);
        foreach (var target in toIssue)
        {
            if (caKeys.FailureOf(target.Issue!.CaSecret) is { } failure)
            {
                failed[target.TenantControlPlane] = failure;
            }
        }
        var (issued, facts, issueFailures) = issuing.IssueAll(
            [.. toIssue.Where(t => !failed.ContainsKey(t.TenantControlPlane))], caKeys.KeyOf, cancellationToken);
        foreach (var result in facts.Values)
        {
            // Before the write: its watch event can be cached before the write returns, and should not parse the key.
            memo?.GetOrAdd(KubeconfigContentKey.Of(result.Kubeconfig!), () => result.Stored!);
        }
        foreach (var (tcp, cause) in issueFailures)
        {
            // The CA or the request cannot produce a certificate: an input error, not worth a retry.
            failed[tcp] = new WriteResult(cause, false, null);
        }
        return (issued, facts);
    }

    /// <summary>
    /// One write's failure stays that write's: an API failure arrives classified, and anything else (a bug) is
    /// kept for the worker to log with its stack trace, while the other writes of the pass go on.
    /// </summary>
    private static async Task<WriteResult> Contained(Func<Task<WriteResult>> write, ConcurrentBag<Exception> unexpected, CancellationToken cancellationToken)
    {
        try
        {
            return await write();
        }
        catch (KubeApiException e)
        {
            return WriteResult.From(e);
        }
#pragma warning disable CA1031 // Contained on purpose: reported through PassReport.Unexpected, retried with backoff.
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
#pragma warning restore CA1031
        {
            unexpected.Add(e);
            return new WriteResult($"unexpected error: {e.GetType().Name}: {e.Message}", true, null);
        }
    }

    /// <summary>
    /// Seeds the memo with what inspecting the stored Secret would conclude. Only when the server stored exactly the
    /// kubeconfig we issued (a mutating webhook could have changed it): then the facts are the issuer's, and the
    /// key is the one the next pass builds from the same inputs. Anything else is left to a real inspection.
    /// </summary>
    private void Remember(TargetPlan target, SecretInfo? stored, KubeconfigFacts facts)
    {
        if (memo is null || stored is not { ResourceVersion.Length: > 0 } || stored.Ref != target.SecretRef
            || !(stored.Get(WellKnown.ValueKey) ?? []).AsSpan().SequenceEqual(target.Secret!.Value))
        {
            return;
        }
        memo.GetOrAdd(target.Issue!.ValidityKeyFor(stored.Ref, stored.ResourceVersion), () => facts);
    }

    private async Task<PassReport> FinalizeAsync(Generator generator, ReconcilePlan plan, CancellationToken cancellationToken)
    {
        var transient = new ConcurrentBag<TimeSpan?>();
        await ForEach(plan.Deletes, async (secret, ct) =>
        {
            try
            {
                await api.DeleteSecretAsync(secret, ct);
            }
            catch (KubeApiException e)
            {
                transient.Add(e.RetryAfter);
            }
        }, cancellationToken);
        if (!transient.IsEmpty)
        {
            return PassReport.Nothing(plan) with { Transient = true, RetryAfter = transient.Max(), Pruned = plan.Deletes.Count - transient.Count };
        }
        if (plan.RemoveFinalizer)
        {
            var removed = await TrySetFinalizers(generator, [.. generator.Finalizers.Where(f => f != WellKnown.Finalizer)], plan, cancellationToken);
            if (removed is not null)
            {
                return removed;
            }
        }
        // Deleted Secrets come back as watch events, which requeue the generator to release the finalizer.
        return PassReport.Nothing(plan) with { Pruned = plan.Deletes.Count };
    }

    private async Task<PassReport?> TrySetFinalizers(Generator generator, IReadOnlyList<string> finalizers, ReconcilePlan plan, CancellationToken cancellationToken)
    {
        try
        {
            await api.SetFinalizersAsync(generator.Name, generator.ResourceVersion, finalizers, cancellationToken);
            return null;
        }
        catch (KubeApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            return PassReport.Nothing(plan);
        }
        catch (KubeApiException e)
        {
            return PassReport.Nothing(plan) with { Transient = true, RetryAfter = e.RetryAfter };
        }
    }

    /// <summary>
    /// One Warning Event per change of the error set, never one per TCP per pass (docs/behaviour.md B11); a failed event is
    /// not worth failing the pass for.
    /// </summary>
    private async Task WarnIfErrorsChanged(Generator generator, GeneratorStatus status, CancellationToken cancellationToken)
    {
        if (status.Errors.Count == 0 || status.Errors.Equals(generator.Status?.Errors))
        {
            return;
        }
        var reason = status.Conditions.Count > 0 ? status.Conditions[0].Reason : "KubeconfigErrors";
        var summary = string.Join("; ", status.Errors.Take(5).Select(e => $"{e.Resource}: {e.Message}"));
        var more = status.Errors.Count > 5 ? string.Create(CultureInfo.InvariantCulture, $"; and {status.Errors.Count - 5} more") : "";
        try
        {
            await api.RecordWarningAsync(generator, reason,
                string.Create(CultureInfo.InvariantCulture, $"{status.Errors.Count} error(s), {status.AvailableResources} of {status.Resources} kubeconfigs available: {summary}{more}"),
                cancellationToken);
        }
        catch (KubeApiException)
        {
            // Events are best effort; status already carries the errors.
        }
    }

    private Task ForEach<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = applyParallelism, CancellationToken = cancellationToken }, body);
}
