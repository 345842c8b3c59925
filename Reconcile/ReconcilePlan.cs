namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// The outcome of one pure pass over a generator: what to write, what to delete, the status, and when to look
/// again. Deterministic: equal inputs give equal plans.
/// </summary>
public sealed record ReconcilePlan(
    string Generator,
    PlanMode Mode,
    bool AddFinalizer,
    bool RemoveFinalizer,
    EquatableList<TargetPlan> Targets,
    EquatableList<ObjectRef> Deletes,
    GeneratorStatus? Status,
    DateTimeOffset? RequeueAt)
{
    /// <summary>True when <see cref="Status"/> differs from the generator's, so a write is due.</summary>
    public bool StatusChanged { get; init; }

    /// <summary>The uid of the generator this plan is for: a plan for a deleted and re-created namesake is no base to continue from.</summary>
    public string GeneratorUid { get; init; } = "";

    /// <summary>The spec this plan was made from (<see cref="IncrementalReconciler"/> continues only from the same spec).</summary>
    public GeneratorSpec? Spec { get; init; }

    /// <summary>Secrets labelled for the generator that it refused to delete (not TCPs), as the status errors they are.</summary>
    public EquatableList<StatusError> RefusedPrunes { get; init; } = EquatableList<StatusError>.Empty;

    /// <summary>
    /// The plan after the shell failed to issue some certificates: those targets become errors and the status is
    /// recomputed, so one TCP's failure is reported without stopping the others (docs/behaviour.md B6). Causes are wrapped in
    /// Kamaji's "an error occurred (re)generating" text, except those in <paramref name="verbatim"/>, which are whole
    /// messages already (a collision reads the same whether the cache or the API server revealed it).
    /// </summary>
    public ReconcilePlan WithIssueFailures(
        Generator generator, IReadOnlyDictionary<ObjectRef, string> failures, DateTimeOffset now, IReadOnlySet<ObjectRef>? verbatim = null)
    {
        if (failures.Count == 0)
        {
            return this;
        }
        var targets = Targets.Select(t => failures.TryGetValue(t.TenantControlPlane, out var cause)
            ? t with { Action = TargetAction.Hold, Secret = null, Issue = null, RenewAt = null, CertificateNotAfter = null, Error = verbatim?.Contains(t.TenantControlPlane) == true ? cause : t.FailureMessage(cause) }
            : t).ToEquatableList();
        return WithTargets(generator, targets, null, now);
    }

    /// <summary>
    /// This plan with <paramref name="targets"/>, their status, and a requeue at the earliest time a kept or issued
    /// certificate enters its renewal window (docs/behaviour.md B1).
    /// </summary>
    internal ReconcilePlan WithTargets(Generator generator, EquatableList<TargetPlan> targets, StatusError? specError, DateTimeOffset now)
    {
        var status = StatusBuilder.Build(generator, targets, specError, now, RefusedPrunes);
        return this with
        {
            Targets = targets,
            Status = status,
            StatusChanged = !status.Equals(generator.Status),
            RequeueAt = Earliest(targets, t => t.RenewAt),
        };
    }

    /// <summary>The earliest of a time the targets may have: a loop over them in place, not LINQ's Min over nullables (every pass runs it).</summary>
    public static DateTimeOffset? Earliest(EquatableList<TargetPlan> targets, Func<TargetPlan, DateTimeOffset?> time)
    {
        DateTimeOffset? earliest = null;
        foreach (var target in targets.AsSpan())
        {
            if (time(target) is { } at && (earliest is null || at < earliest))
            {
                earliest = at;
            }
        }
        return earliest;
    }
}

public enum PlanMode
{
    /// <summary>Normal pass: apply targets, prune, write status.</summary>
    Active,

    /// <summary><c>kamaji.clastix.io/paused</c> on the generator: no write at all, not even status (Kamaji's behaviour).</summary>
    Paused,

    /// <summary>The generator is being deleted: delete its Secrets, then release the finalizer.</summary>
    Finalizing,
}
