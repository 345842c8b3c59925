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
        var targets = selected.Select(tcp => TargetPlanner.Plan(generator, tcp, cluster, settings, now, memo ?? NoValidityMemo.Instance)).ToEquatableList();
        var targeted = targets.Select(t => t.SecretRef).ToHashSet();
        var deletes = cluster.SecretsManagedBy(generator.Name)
            .Where(s => !targeted.Contains(s.Ref) && !s.IsPaused)
            .Select(s => s.Ref)
            .Order(ObjectRef.Order)
            .ToEquatableList();
        return WithStatus(generator, targets, deletes, null, now);
    }

    /// <summary>The earliest time a kept or issued certificate enters its renewal window (docs/behaviour.md B1).</summary>
    public static DateTimeOffset? EarliestRenewal(IEnumerable<TargetPlan> targets) =>
        targets.Select(t => t.RenewAt).Where(t => t is not null).DefaultIfEmpty(null).Min();

    private static ReconcilePlan WithStatus(
        Generator generator, EquatableList<TargetPlan> targets, EquatableList<ObjectRef> deletes, StatusError? specError, DateTimeOffset now)
    {
        var status = StatusBuilder.Build(generator, targets, specError, now);
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
        var remaining = cluster.SecretsManagedBy(generator.Name).Select(s => s.Ref).Order(ObjectRef.Order).ToEquatableList();
        return new ReconcilePlan(generator.Name, PlanMode.Finalizing, false, remaining.Count == 0 && generator.HasFinalizer,
            EquatableList<TargetPlan>.Empty, remaining, null, null);
    }
}
