using System.Runtime.InteropServices;

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
        var targets = PlanAll(generator, selected, cluster, settings, now, memo ?? NoValidityMemo.Instance);
        var targeted = targets.Select(t => t.SecretRef).ToHashSet();
        var (deletes, refused) = PruneProof.Judge(
            cluster.SecretsManagedBy(generator.Name).Where(s => !targeted.Contains(s.Ref) && !s.IsPaused), generator.Name);
        return WithStatus(generator, targets, deletes, null, now, refused.ToEquatableList());
    }

    /// <summary>Below this many TCPs a pass plans on one thread: handing out the work would cost more than it saves.</summary>
    internal const int ParallelFrom = 64;

    /// <summary>Every selected TCP's plan in the selection's order, on every core when there are many (docs/design.md, "The pure reconcile").</summary>
    private static EquatableList<TargetPlan> PlanAll(
        Generator generator, IReadOnlyList<TenantControlPlane> selected, IClusterView cluster, GeneratorSettings settings, DateTimeOffset now,
        IValidityMemo memo)
    {
        var plans = new TargetPlan[selected.Count];
        if (plans.Length < ParallelFrom)
        {
            for (var i = 0; i < plans.Length; i++)
            {
                plans[i] = PlanOne(generator, selected[i], cluster, settings, now, memo);
            }
        }
        else
        {
            Parallel.For(0, plans.Length, i => plans[i] = PlanOne(generator, selected[i], cluster, settings, now, memo));
        }
        return new EquatableList<TargetPlan>(ImmutableCollectionsMarshal.AsImmutableArray(plans));
    }

    /// <summary>One TCP's plan; any exception planning it becomes that TCP's error, not the generator's (docs/behaviour.md B6).</summary>
    internal static TargetPlan PlanOne(
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

    internal static ReconcilePlan WithStatus(
        Generator generator, EquatableList<TargetPlan> targets, EquatableList<ObjectRef> deletes, StatusError? specError, DateTimeOffset now,
        EquatableList<StatusError>? refusedPrunes = null) =>
        new ReconcilePlan(generator.Name, PlanMode.Active, !generator.HasFinalizer, false, targets, deletes, null, null)
        {
            RefusedPrunes = refusedPrunes ?? EquatableList<StatusError>.Empty,
            GeneratorUid = generator.Uid,
            Spec = generator.Spec,
        }.WithTargets(generator, targets, specError, now);

    /// <summary>
    /// Deletion: every Secret of the generator goes, paused or not (credentials must not outlive their generator),
    /// and the finalizer is released once none is left. Only Secrets provably ours go; one another controller owns
    /// is left alone and does not hold the finalizer.
    /// </summary>
    private static ReconcilePlan Finalize(Generator generator, IClusterView cluster)
    {
        var remaining = PruneProof.Judge(cluster.SecretsManagedBy(generator.Name), generator.Name).Deletes;
        return new ReconcilePlan(generator.Name, PlanMode.Finalizing, false, remaining.Count == 0 && generator.HasFinalizer,
            EquatableList<TargetPlan>.Empty, remaining, null, null);
    }
}
