namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// The pure reconcile: <c>plan = Reconcile(generator, cluster, now, options)</c>. No I/O, clock, randomness or
/// logging; everything docs/behaviour.md decides from data is decided here.
/// </summary>
public static class Reconciler
{
    public static ReconcilePlan Reconcile(
        Generator generator, IClusterView cluster, DateTimeOffset now, ReconcileOptions options, IValidityMemo? memo = null)
    {
        if (generator.IsDeleting)
        {
            return Finalize(generator, cluster);
        }
        if (generator.IsPaused)
        {
            return new ReconcilePlan(generator.Name, PlanMode.Paused, false, false, EquatableList<TargetPlan>.Empty,
                EquatableList<ObjectRef>.Empty, null, null);
        }
        var settings = GeneratorSettings.Resolve(generator.Spec, options, out var specError);
        var selected = settings is null ? null : TargetSelector.Select(generator.Spec, cluster, out specError);
        if (settings is null || selected is null)
        {
            // Without a usable spec the targets are unknown, so nothing may be pruned.
            return WithStatus(generator, EquatableList<TargetPlan>.Empty, EquatableList<ObjectRef>.Empty, specError, now);
        }
        var targets = selected.Select(tcp => PlanOne(generator, tcp, cluster, settings, now, memo ?? NoValidityMemo.Instance)).ToEquatableList();
        var targeted = targets.Select(t => t.SecretRef).ToHashSet();
        var candidates = cluster.SecretsManagedBy(generator.Name).Where(s => !targeted.Contains(s.Ref) && !s.IsPaused).ToList();
        var deletes = candidates.Where(s => PruneProof.RefusalFor(s, generator.Name) is null)
            .Select(s => s.Ref)
            .Order(ObjectRef.Order)
            .ToEquatableList();
        var refused = candidates.Select(s => (s.Ref, Refusal: PruneProof.RefusalFor(s, generator.Name)))
            .Where(r => r.Refusal is not null)
            .Select(r => new StatusError(r.Ref.ToString(), r.Refusal!))
            .ToEquatableList();
        return WithStatus(generator, targets, deletes, null, now, refused);
    }

    /// <summary>
    /// One TCP's plan. Whatever goes wrong while planning it (a bug, or input nobody foresaw) becomes that TCP's
    /// status error; the other TCPs of the generator are planned as usual (docs/behaviour.md B6).
    /// </summary>
    private static TargetPlan PlanOne(
        Generator generator, TenantControlPlane tcp, IClusterView cluster, GeneratorSettings settings, DateTimeOffset now, IValidityMemo memo)
    {
        try
        {
            return TargetPlanner.Plan(generator, tcp, cluster, settings, now, memo);
        }
#pragma warning disable CA1031 // Any failure planning one TCP is that TCP's error; it must never stop the generator.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var secretRef = new ObjectRef(tcp.Namespace, $"{tcp.Name}-{generator.Name}");
            return new TargetPlan(tcp.Ref, secretRef, TargetAction.Hold, null, null, null,
                $"an error occurred planning the {GoFormat.Quote(secretRef.ToString())} Secret: {e.GetType().Name}: {e.Message}", null);
        }
    }

    /// <summary>The earliest time a kept or issued certificate enters its renewal window (docs/behaviour.md B1).</summary>
    public static DateTimeOffset? EarliestRenewal(IEnumerable<TargetPlan> targets) =>
        targets.Select(t => t.RenewAt).Where(t => t is not null).DefaultIfEmpty(null).Min();

    private static ReconcilePlan WithStatus(
        Generator generator, EquatableList<TargetPlan> targets, EquatableList<ObjectRef> deletes, StatusError? specError, DateTimeOffset now,
        EquatableList<StatusError>? refusedPrunes = null)
    {
        var status = StatusBuilder.Build(generator, targets, specError, now, refusedPrunes);
        return new ReconcilePlan(generator.Name, PlanMode.Active, !generator.HasFinalizer, false, targets, deletes, status, EarliestRenewal(targets))
        {
            StatusChanged = !status.Equals(generator.Status),
        };
    }

    /// <summary>
    /// Deletion: every Secret of the generator goes, paused or not (credentials must not outlive their generator),
    /// and the finalizer is released once none is left.
    /// </summary>
    private static ReconcilePlan Finalize(Generator generator, IClusterView cluster)
    {
        // Only Secrets provably ours go; one another controller owns is left alone and does not hold the finalizer.
        var remaining = cluster.SecretsManagedBy(generator.Name).Where(s => PruneProof.RefusalFor(s, generator.Name) is null)
            .Select(s => s.Ref).Order(ObjectRef.Order).ToEquatableList();
        return new ReconcilePlan(generator.Name, PlanMode.Finalizing, false, remaining.Count == 0 && generator.HasFinalizer,
            EquatableList<TargetPlan>.Empty, remaining, null, null);
    }
}
