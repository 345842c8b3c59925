using System.Collections.Immutable;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// A pass that re-plans only the TCPs whose inputs changed since the previous plan, plus every target that was not
/// simply kept; given correct change reports it equals a full pass (docs/design.md, "O(changed) passes").
/// </summary>
public static class IncrementalReconciler
{
    public static ReconcilePlan Reconcile(
        Generator generator, IClusterView cluster, DateTimeOffset now, ReconcileOptions options, IValidityMemo? memo,
        ReconcilePlan previous, IReadOnlySet<ObjectRef> changed)
    {
        var settings = CanContinue(generator, previous) ? GeneratorSettings.Resolve(generator.Spec, options, out _) : null;
        if (settings is null || TargetSelector.Problem(generator.Spec) is not null)
        {
            return Reconciler.Reconcile(generator, cluster, now, options, memo);
        }

        // Which previous targets are planned again, marked by index: one walk over the targets, and a binary search
        // (they are sorted) for each changed TCP. Looking each of 10,000 targets up in a set of names hashed both
        // strings of every target on every event, the largest part of an event's cost at 10,000 tenants.
        var previousTargets = previous.Targets;
        var again = new bool[previousTargets.Count];
        var redo = new HashSet<ObjectRef>(changed);
        var carried = previousTargets.AsSpan();
        for (var i = 0; i < carried.Length; i++)
        {
            var target = carried[i];
            if (target.Action != TargetAction.Keep || !(target.RenewAt > now))
            {
                again[i] = true;
                redo.Add(target.TenantControlPlane);
            }
        }
        foreach (var tenant in changed)
        {
            if (IndexOf(previousTargets, tenant) is var at && at >= 0)
            {
                again[at] = true;
            }
        }
        var dropped = new List<ObjectRef>();
        var replanned = new List<TargetPlan>(redo.Count);
        foreach (var tenant in redo)
        {
            var tcp = cluster.GetTenantControlPlane(tenant);
            if (tcp is not null && TargetSelector.Selects(generator.Spec, cluster.GetNamespace(tcp.Namespace), tcp))
            {
                replanned.Add(Reconciler.PlanOne(generator, tcp, cluster, settings, now, memo ?? NoValidityMemo.Instance));
            }
            else
            {
                dropped.Add(tenant);
            }
        }
        var targets = Merge(carried, again, replanned);

        var (deletes, refused) = Prunes(generator, cluster, previous, dropped, targets);
        return Reconciler.WithStatus(generator, targets, deletes, null, now, refused);
    }

    /// <summary>
    /// The previous targets not planned again (sorted already: every plan keeps them sorted) merged with the few
    /// re-planned ones: one walk over the targets in place, into one array of the final size (no regrowth, no copy to
    /// make the plan's list).
    /// </summary>
    private static EquatableList<TargetPlan> Merge(ReadOnlySpan<TargetPlan> previous, bool[] again, List<TargetPlan> replanned)
    {
        static int Compare(TargetPlan a, TargetPlan b) => ObjectRef.Order.Compare(a.TenantControlPlane, b.TenantControlPlane);
        replanned.Sort(Compare);
        var merged = ImmutableArray.CreateBuilder<TargetPlan>(previous.Length - again.Count(a => a) + replanned.Count);
        var next = 0;
        for (var i = 0; i < previous.Length; i++)
        {
            if (again[i])
            {
                continue;
            }
            while (next < replanned.Count && Compare(replanned[next], previous[i]) < 0)
            {
                merged.Add(replanned[next++]);
            }
            merged.Add(previous[i]);
        }
        merged.AddRange(replanned.Skip(next));
        return new EquatableList<TargetPlan>(merged.MoveToImmutable());
    }

    /// <summary>Where <paramref name="tenant"/>'s target is in <paramref name="targets"/> (sorted by TCP), else a negative number.</summary>
    private static int IndexOf(EquatableList<TargetPlan> targets, ObjectRef tenant)
    {
        var (low, high) = (0, targets.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = ObjectRef.Order.Compare(targets[middle].TenantControlPlane, tenant);
            if (order == 0)
            {
                return middle;
            }
            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }
        return -1;
    }

    /// <summary>Only an active plan for this very generator (same uid, same spec) is a base to continue from.</summary>
    private static bool CanContinue(Generator generator, ReconcilePlan previous) =>
        !generator.IsDeleting && !generator.IsPaused && previous.Mode == PlanMode.Active && previous.Status is not null
        && previous.Generator == generator.Name && previous.GeneratorUid == generator.Uid && previous.Spec == generator.Spec;

    /// <summary>Deletes: Secrets of TCPs that stopped being targets, and previous deletes not done yet (retried).</summary>
    private static (EquatableList<ObjectRef> Deletes, EquatableList<StatusError> Refused) Prunes(
        Generator generator, IClusterView cluster, ReconcilePlan previous, IEnumerable<ObjectRef> dropped, EquatableList<TargetPlan> targets)
    {
        // The few Secrets that may be pruned, minus those a target still writes: one walk over the targets comparing
        // against this short list, not a set of every target's Secret, nor a hash of every target's name per event.
        var pending = dropped.Select(t => new ObjectRef(t.Namespace, $"{t.Name}-{generator.Name}"))
            .Concat(previous.Deletes)
            .Distinct()
            .ToList();
        for (var i = 0; i < targets.Count && pending.Count > 0; i++)
        {
            pending.Remove(targets[i].SecretRef);
        }
        var candidates = pending
            .Select(cluster.GetSecret)
            .OfType<SecretInfo>()
            .Where(s => !s.IsPaused && s.Labels.GetValueOrDefault(WellKnown.ManagedByLabel) == generator.Name)
            .ToList();
        var (deletes, newlyRefused) = PruneProof.Judge(candidates, generator.Name);
        var looked = candidates.Select(c => c.Ref.ToString()).ToHashSet();
        var refused = previous.RefusedPrunes.Where(e => !looked.Contains(e.Resource))
            .Concat(newlyRefused)
            .Order(StatusError.Order)
            .ToEquatableList();
        return (deletes, refused);
    }
}
